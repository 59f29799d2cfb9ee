import { genUserSig } from './auth/usersig';
import { configFromEnvironment } from './config';
import { DEV_USERSIG_PATH, DEV_WARNING } from './dev-usersig';
import { migrateCommand } from './migrate-command';
import { startServer } from './server';

const USAGE = `Usage:
  tidings start              start the server (PORT, HOST, TIDINGS_DATA, TIDINGS_SDKAPPID, TIDINGS_SECRET_KEY, LOG_LEVEL,
                             TIDINGS_STATIC a folder of web files to serve, TIDINGS_DEV=1 test userSigs at /dev/usersig);
                             server rules (friend check, moderation, push webhook, limits) in $TIDINGS_DATA/tidings.config.json
                             one node of a shared deployment (several servers, one set of data), no data folder:
                               TIDINGS_DATABASE_URL postgres://…   the PostgreSQL all nodes share
                               TIDINGS_REDIS_URL redis://…         the Redis all nodes share
                               TIDINGS_REDIS_PREFIX                before every key and channel (default tidings:)
                               TIDINGS_S3_BUCKET, TIDINGS_S3_REGION, TIDINGS_S3_ENDPOINT (unset: AWS),
                               AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   where files are kept
                               TIDINGS_SECRET_KEY                  required, the same on every node
                               TIDINGS_SETTINGS                    the server rules as JSON (instead of tidings.config.json)
  tidings migrate            bring the PostgreSQL schema at TIDINGS_DATABASE_URL up to date (before starting new nodes)
  tidings usersig <userID>   print a userSig for the local app (for development; your backend makes real ones)`;

async function start(): Promise<void> {
  const config = configFromEnvironment();
  const server = await startServer({
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    apps: [{ SDKAppID: config.SDKAppID, secretKey: config.secretKey }],
    logLevel: config.logLevel,
    dev: config.dev,
    staticDir: config.staticDir,
    shared: config.shared,
    settings: config.shared?.settings,
  });
  process.stdout.write(
    [
      `Tidings server listening on ${server.url}`,
      config.shared
        ? `  SDKAppID ${config.SDKAppID}, a node of the shared deployment on ${databaseHost(config.shared.databaseURL)}`
        : `  SDKAppID ${config.SDKAppID}, data in ${config.dataDir}${config.secretKeyCreated ? ' (a new secret key was made and kept there)' : ''}`,
      `  a test userSig: npx tidings usersig <userID>`,
      ...(config.staticDir ? [`  serving ${config.staticDir}`] : []),
      '',
    ].join('\n'),
  );
  if (config.dev)
    process.stderr.write(
      `\n  !!! ${DEV_WARNING} !!!\n  GET ${server.url}${DEV_USERSIG_PATH}?userID=<userID> gives anyone a valid userSig.\n\n`,
    );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Where the database is, without the password a URL may hold. */
function databaseHost(url: string): string {
  const { host, pathname } = new URL(url);
  return `${host}${pathname}`;
}

function runMigrations(): void {
  migrateCommand().then(
    (done) => process.stdout.write(`tidings migrate: ${done}\n`),
    (error: unknown) => {
      process.stderr.write(`tidings migrate: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

function printUserSig(userID: string | undefined): void {
  if (!userID) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const config = configFromEnvironment();
  process.stdout.write(`${genUserSig({ SDKAppID: config.SDKAppID, secretKey: config.secretKey, userID })}\n`);
}

export function main(argv: string[]): void {
  const [command = 'start', ...rest] = argv;
  if (command === 'start') {
    start().catch((error: unknown) => {
      process.stderr.write(`tidings: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
  } else if (command === 'usersig') printUserSig(rest[0]);
  else if (command === 'migrate') runMigrations();
  else {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
  }
}
