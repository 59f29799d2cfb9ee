import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { postgresBinDir, redisServerPath, SERVICE_PACKAGES } from './service-binaries';

/**
 * A PostgreSQL or Redis of a test's own, in a temporary folder on a free port: the fault tests stop
 * and start it, which they must never do to the machine's shared services.
 */
export interface TempService {
  url: string;
  port: number;
  /** Stops it as a crash would (PostgreSQL: immediate shutdown, recovered from its WAL on start; Redis: SIGTERM, no save). */
  stop(): Promise<void>;
  /** Starts it again, on the same port with the same data folder; resolves once it answers. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

const READY_WITHIN_MS = 30_000;
const EXIT_WITHIN_MS = 10_000;
const POLL_MS = 100;

interface ServerSpec {
  name: string;
  folder: string;
  command: string;
  args: string[];
  /** The user the server runs as, when it is not this process's. */
  owner?: { uid: number; gid: number };
  stopSignal: NodeJS.Signals;
  answers(): Promise<boolean>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port no one listens on now (the server binds it a moment later). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

class TempServer implements TempService {
  private child: ChildProcess | null = null;
  /** The last start failed because the server exited (a port taken, a bad setting), not because it was slow. */
  exitedOnStart = false;
  private exited: Promise<void> = Promise.resolve();
  private readonly logFile: string;
  /** A test run that ends without destroy() (a crash, a timeout) still takes its servers down. */
  private readonly onProcessExit = () => {
    this.child?.kill(this.spec.stopSignal);
    rmSync(this.spec.folder, { recursive: true, force: true });
  };

  constructor(
    readonly url: string,
    readonly port: number,
    private readonly spec: ServerSpec,
  ) {
    this.logFile = join(spec.folder, `${spec.name}.log`);
    process.on('exit', this.onProcessExit);
  }

  async start(): Promise<void> {
    if (this.child) return;
    const log = openSync(this.logFile, 'a');
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.folder,
      stdio: ['ignore', log, log],
      uid: this.spec.owner?.uid,
      gid: this.spec.owner?.gid,
    });
    closeSync(log);
    this.child = child;
    let running = true;
    this.exited = new Promise<void>((resolve) => {
      const done = () => {
        running = false;
        resolve();
      };
      child.once('exit', done);
      child.once('error', done);
    });
    for (const deadline = Date.now() + READY_WITHIN_MS; Date.now() < deadline; await sleep(POLL_MS)) {
      if (!running) {
        this.child = null;
        this.exitedOnStart = true;
        throw new Error(`${this.spec.name} exited on start:\n${this.logTail()}`);
      }
      if (await this.spec.answers()) return;
    }
    await this.stop();
    throw new Error(`${this.spec.name} did not answer within ${READY_WITHIN_MS / 1000} s:\n${this.logTail()}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill(this.spec.stopSignal);
    const tooSlow = setTimeout(() => child.kill('SIGKILL'), EXIT_WITHIN_MS);
    await this.exited;
    clearTimeout(tooSlow);
    this.child = null;
  }

  async destroy(): Promise<void> {
    await this.release();
    rmSync(this.spec.folder, { recursive: true, force: true });
  }

  /** Stops it and lets go of it, leaving its folder to another server. */
  async release(): Promise<void> {
    await this.stop();
    process.off('exit', this.onProcessExit);
  }

  private logTail(): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

function accountIds(user: string): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, user], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return undefined;
  }
}

/** Whether a PostgreSQL answers a query at the URL now. */
export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch {
    // end() after a failed connect would wait for ever.
    return false;
  }
  try {
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A new PostgreSQL cluster (superuser `postgres`, trust, fsync on) listening on 127.0.0.1 only, its
 * socket in its own folder. PostgreSQL refuses to run as root: as root, it runs as the `postgres` user.
 */
export async function startTempPostgres(): Promise<TempService> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`no PostgreSQL server programs here: install ${SERVICE_PACKAGES[0]}`);
  const folder = mkdtempSync(join(tmpdir(), 'tidings-pg-'));
  const owner = process.getuid?.() === 0 ? (accountIds('postgres') ?? accountIds('nobody')) : undefined;
  if (owner) chownSync(folder, owner.uid, owner.gid);
  const data = join(folder, 'data');
  try {
    // --no-sync only skips initdb's own flush of the new cluster; the server below runs with fsync on.
    execFileSync(
      join(bin, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { cwd: folder, stdio: 'pipe', uid: owner?.uid, gid: owner?.gid },
    );
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`initdb failed: ${stderr || String(error)}`, { cause: error });
  }
  return startOnFreePort(folder, (port) => {
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    return new TempServer(url, port, {
      name: 'postgres',
      folder,
      command: join(bin, 'postgres'),
      args: ['-D', data, '-p', String(port), '-k', folder, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=on'],
      owner,
      stopSignal: 'SIGQUIT',
      answers: () => postgresAnswers(url),
    });
  });
}

/** Whether a Redis answers PING at the URL now (raw RESP: no client that reconnects behind our back). */
export function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    let reply = '';
    const finish = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) finish(reply.startsWith('+PONG'));
    });
  });
}

/**
 * A new Redis on 127.0.0.1 that keeps no snapshot. `appendOnly` keeps every write in an
 * append-only file flushed at each write, so its data outlives a stop.
 */
export async function startTempRedis(options: { appendOnly?: boolean } = {}): Promise<TempService> {
  const command = redisServerPath();
  if (!command) throw new Error(`no redis-server here: install ${SERVICE_PACKAGES[1]}`);
  const folder = mkdtempSync(join(tmpdir(), 'tidings-redis-'));
  return startOnFreePort(folder, (port) => {
    const url = `redis://127.0.0.1:${port}`;
    return new TempServer(url, port, {
      name: 'redis',
      folder,
      command,
      args: [
        ...['--port', String(port), '--bind', '127.0.0.1', '--dir', folder, '--save', '', '--daemonize', 'no'],
        ...['--appendonly', options.appendOnly ? 'yes' : 'no', '--appendfsync', 'always'],
      ],
      stopSignal: 'SIGTERM',
      answers: () => redisAnswers(url),
    });
  });
}

const PORT_ATTEMPTS = 3;

/**
 * Starts the server on a free port; another test may take the same port between our look and the
 * server's bind, so a server that exits on start tries another. After a failure the folder is removed.
 */
async function startOnFreePort(folder: string, serverOn: (port: number) => TempServer): Promise<TempService> {
  for (let attempt = 1; ; attempt++) {
    const server = serverOn(await freePort());
    try {
      await server.start();
      return server;
    } catch (error) {
      await server.release();
      if (!server.exitedOnStart || attempt >= PORT_ATTEMPTS) {
        rmSync(folder, { recursive: true, force: true });
        throw error;
      }
    }
  }
}
