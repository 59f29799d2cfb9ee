/**
 * The servers under test, each a child process: the real Tidings server (`node bin/tidings.js
 * start`, built from dist/) and the baseline relay (bench/relay.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BENCH_SDKAPPID, BENCH_SECRET_KEY, REPO_ROOT, spawnTypeScript } from './common';

export interface Target {
  name: string;
  /** `ws://127.0.0.1:PORT/ws` */
  socketURL: string;
  pid: number;
  /** What the process printed, for the error message if it dies. */
  output(): string;
  isRunning(): boolean;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

const live = new Set<ChildProcess>();
const dataDirs = new Set<string>();
/** Kills whatever is still running when the bench exits, however it exits, and removes its data. */
export function killAllTargets(): void {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
}

function waitForListening(name: string, child: ChildProcess, onExit: () => void): Promise<Target> {
  live.add(child);
  let output = '';
  let exited = false;
  const running = () => !exited && child.exitCode === null && child.signalCode === null;
  child.once('exit', () => {
    exited = true;
    live.delete(child);
    onExit();
  });
  return new Promise((resolveStarted, rejectStarted) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStarted(new Error(`${name} did not say "listening on" within ${START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 20_000) output = output.slice(-20_000);
    };
    child.stderr!.on('data', collect);
    child.stdout!.on('data', (chunk: Buffer) => {
      collect(chunk);
      const match = /listening on http:\/\/(\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolveStarted({
        name,
        socketURL: `ws://${match[1]}/ws`,
        pid: child.pid!,
        output: () => output,
        isRunning: running,
        stop: async () => {
          if (!running()) return;
          const gone = new Promise((done) => child.once('exit', done));
          child.kill('SIGTERM');
          const timeout = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await gone;
          clearTimeout(timeout);
        },
      });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      rejectStarted(new Error(`${name} exited (${signal ?? code}) before listening:\n${output}`));
    });
  });
}

export interface TidingsOptions {
  /** Extra node flags for the server process, e.g. `--cpu-prof` (from BENCH_SERVER_NODE_ARGS). */
  nodeArgs?: string[];
  /** An existing data folder to start on (removed when the server exits, like a fresh one). */
  dataDir?: string;
  /** More environment for the server, e.g. TIDINGS_DATABASE_URL (bench/deployments.ts). */
  env?: Record<string, string>;
  /** The name in logs and errors; default "Tidings". */
  name?: string;
}

/** The real server, as the tests run it: built JS, a fresh data folder on disk, LOG_LEVEL=warn. */
export async function startTidings(options: TidingsOptions = {}): Promise<Target & { dataDir: string }> {
  // BENCH_TIDINGS_ROOT: another checkout's build (e.g. the commit before a change), for a before/after in one run.
  const root = process.env.BENCH_TIDINGS_ROOT ?? REPO_ROOT;
  const bin = resolve(root, 'bin/tidings.js');
  if (!existsSync(resolve(root, 'dist/node/server/cli.js'))) {
    throw new Error(
      'dist/node/server/cli.js is missing: build the server first (npx tsc -p tsconfig.build.json, or npm run bench)',
    );
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(process.env.BENCH_DATA_PARENT ?? tmpdir(), 'tidings-bench-'));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      TIDINGS_DATA: dataDir,
      TIDINGS_SDKAPPID: String(BENCH_SDKAPPID),
      TIDINGS_SECRET_KEY: BENCH_SECRET_KEY,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  dataDirs.add(dataDir);
  const target = await waitForListening(options.name ?? 'Tidings', child, () => {
    rmSync(dataDir, { recursive: true, force: true });
    dataDirs.delete(dataDir);
  });
  return { ...target, dataDir };
}

export async function startRelay(): Promise<Target> {
  const child = spawnTypeScript(resolve(__dirname, 'relay.ts'), [], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return waitForListening('relay', child, () => undefined);
}
