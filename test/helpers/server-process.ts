import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { genUserSig } from 'tidings/server';
import { sharedEnginesForTest } from './shared-engines';

export const TEST_SDKAPPID = 1400000001;
export const TEST_SECRET_KEY = 'test-secret-key-for-integration-tests';

const BIN = resolve(__dirname, '../../bin/tidings.js');

function withoutTidingsSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('TIDINGS_') && name !== 'PORT' && name !== 'HOST'),
  );
}

/** The engines a node of a shared deployment runs on (PostgreSQL, Redis, S3-compatible files). */
export interface SharedEngines {
  databaseURL: string;
  redisURL: string;
  /** Keys and channels of this deployment: tests share one Redis. */
  redisPrefix: string;
  s3: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };
}

function sharedEnvironment(
  shared: SharedEngines,
  settings: Record<string, unknown> | undefined,
): Record<string, string> {
  return {
    TIDINGS_DATABASE_URL: shared.databaseURL,
    TIDINGS_REDIS_URL: shared.redisURL,
    TIDINGS_REDIS_PREFIX: shared.redisPrefix,
    TIDINGS_S3_ENDPOINT: shared.s3.endpoint,
    TIDINGS_S3_BUCKET: shared.s3.bucket,
    TIDINGS_S3_REGION: shared.s3.region,
    AWS_ACCESS_KEY_ID: shared.s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: shared.s3.secretAccessKey,
    ...(settings ? { TIDINGS_SETTINGS: JSON.stringify(settings) } : {}),
  };
}

/** The real server as a child process, built from dist/ (npm test builds first), on a free port. */
export class ServerProcess {
  url = '';
  private child: ChildProcess | null = null;

  /** Everything the server printed, for tests of what a person sees. */
  output = '';

  private constructor(
    readonly dataDir: string,
    private readonly env: Record<string, string>,
    /** With TIDINGS_TEST_STORE=postgres: removes the server's own engines, on close(). */
    private readonly releaseEngines: (() => Promise<void>) | null = null,
  ) {}

  /** `generatedKey: true` leaves TIDINGS_SECRET_KEY unset, so the server makes and keeps its own. */
  /** `settings` is written to the data folder's tidings.config.json before the server starts. */
  /** `dev` turns on /dev/usersig (TIDINGS_DEV=1); `staticDir` serves a folder of web files (TIDINGS_STATIC). */
  static async start({
    dataDir = mkdtempSync(join(tmpdir(), 'tidings-test-')),
    generatedKey = false,
    settings,
    dev = false,
    staticDir,
    shared,
  }: {
    dataDir?: string;
    generatedKey?: boolean;
    settings?: Record<string, unknown>;
    dev?: boolean;
    staticDir?: string;
    /** A node of a shared deployment: it keeps nothing in `dataDir`; the deployment owns the engines. */
    shared?: SharedEngines;
  } = {}): Promise<ServerProcess> {
    if (settings && !shared) writeFileSync(join(dataDir, 'tidings.config.json'), JSON.stringify(settings));
    const env: Record<string, string> = {
      PORT: '0',
      HOST: '127.0.0.1',
      TIDINGS_DATA: dataDir,
      TIDINGS_SDKAPPID: String(TEST_SDKAPPID),
      LOG_LEVEL: 'warn',
    };
    if (!generatedKey) env.TIDINGS_SECRET_KEY = TEST_SECRET_KEY;
    if (dev) env.TIDINGS_DEV = '1';
    if (staticDir) env.TIDINGS_STATIC = staticDir;
    // TIDINGS_TEST_STORE=postgres: every test server is a one-node shared deployment of its own.
    const own = !shared && process.env.TIDINGS_TEST_STORE === 'postgres' ? await sharedEnginesForTest() : null;
    const engines = shared ?? own?.engines;
    if (engines) Object.assign(env, sharedEnvironment(engines, settings));
    const server = new ServerProcess(dataDir, env, own?.release ?? null);
    try {
      await server.spawn();
    } catch (error) {
      await own?.release();
      throw error;
    }
    return server;
  }

  userSig(userID: string, options: { expire?: number; issuedAt?: number } = {}): string {
    return genUserSig({ SDKAppID: TEST_SDKAPPID, secretKey: TEST_SECRET_KEY, userID, ...options });
  }

  /** The server's counters (GET /stats). */
  async stats(): Promise<Record<string, number>> {
    const response = await fetch(`${this.url}/stats`);
    return (await response.json()) as Record<string, number>;
  }

  /** The running process's id (for /proc/<pid>/status); throws when it is not running. */
  get pid(): number {
    if (!this.child?.pid || !this.isRunning()) throw new Error('the server is not running');
    return this.child.pid;
  }

  get socketURL(): string {
    return `${this.url.replace(/^http/, 'ws')}/ws`;
  }

  /** Kills the process without letting it shut down cleanly, as a crash or power cut would. */
  async kill(): Promise<void> {
    await this.stop('SIGKILL');
  }

  /** Stops the server (if it still runs) and starts it again on the same port and data, with new `settings` if given. */
  async restart({ settings }: { settings?: Record<string, unknown> } = {}): Promise<void> {
    await this.stop('SIGTERM');
    if (settings && this.env.TIDINGS_DATABASE_URL) this.env.TIDINGS_SETTINGS = JSON.stringify(settings);
    else if (settings) writeFileSync(join(this.dataDir, 'tidings.config.json'), JSON.stringify(settings));
    this.env.PORT = new URL(this.url).port;
    await this.spawn();
  }

  async close({ keepData = false } = {}): Promise<void> {
    await this.stop('SIGTERM');
    if (keepData) return;
    rmSync(this.dataDir, { recursive: true, force: true });
    await this.releaseEngines?.();
  }

  isRunning(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  private async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.isRunning()) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill(signal);
    await exited;
    this.child = null;
  }

  private spawn(): Promise<void> {
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...withoutTidingsSettings(process.env), ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.output = '';
    return new Promise((resolveStarted, rejectStarted) => {
      const onData = (chunk: Buffer) => {
        this.output += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(this.output);
        if (match) {
          this.url = match[1]!;
          resolveStarted();
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      child.once('exit', (code) =>
        rejectStarted(new Error(`server exited with ${code} before listening:\n${this.output}`)),
      );
    });
  }
}

/** A test of the data folder itself (its files): on shared engines it is skipped, and its name says why. */
export function dataFolderTest(name: string, fn: jest.ProvidesCallback, timeout?: number): void {
  if (process.env.TIDINGS_TEST_STORE === 'postgres')
    test.skip(`${name} [skipped: test servers run on shared engines, which keep no data folder]`, fn);
  else test(name, fn, timeout);
}
