/**
 * Restart on a big data folder: `npx tsx bench/restart.ts [messages]` (default 1,000,000; not part of
 * `npm run bench`, the filling alone takes minutes).
 *
 * A child process fills a fresh data folder through the store: C2C messages between random pairs of
 * 10,000 users, 1,000 per commit, the last commits left only in the derived-rows log (as a crash
 * leaves them), and is then killed with -9. The real server is started on that folder and timed from
 * spawn to "listening on": opening the file, the migration checks, and rebuilding the derived rows
 * from the log. Writes bench/restart.json, which docs/benchmarks.md quotes.
 */
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../server/store/sqlite';
import { BENCH_SDKAPPID, REPO_ROOT, spawnTypeScript } from './common';
import { killAllTargets, startTidings } from './server';

const USERS = 10_000;
const PER_COMMIT = 1000;
/** Commits after the last flush: what the log holds when the filler is killed. */
const UNFLUSHED_COMMITS = 3;

async function fill(dataDir: string, count: number): Promise<void> {
  const store = new SqliteStore(dataDir);
  let made = 0;
  const draft = (to: string) => ({
    ID: `${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 18)}-${(++made).toString(36)}`,
    type: 'TIMTextElem' as const,
    conversationType: 'C2C' as const,
    to,
    payload: { text: 'x'.repeat(64) },
    priority: 'Normal' as const,
    cloudCustomData: '',
    needReadReceipt: false,
    isSupportExtension: false,
  });
  const commits = Math.ceil(count / PER_COMMIT);
  for (let c = 0; c < commits; c++) {
    const intents = Array.from({ length: Math.min(PER_COMMIT, count - c * PER_COMMIT) }, () => {
      const from = Math.floor(Math.random() * USERS);
      const to = (from + 1 + Math.floor(Math.random() * (USERS - 1))) % USERS;
      return { app: BENCH_SDKAPPID, sender: `u${from}`, draft: draft(`u${to}`) };
    });
    await store.commitMessages(intents);
    if (c < commits - UNFLUSHED_COMMITS) store.flushDerivedIfDue();
    if (c % 100 === 0) process.stdout.write(`filled ${(c * PER_COMMIT).toLocaleString('en-US')}\n`);
  }
  process.stdout.write('filled all\n');
  setInterval(() => undefined, 1000);
}

async function main(): Promise<void> {
  if (process.argv[2] === 'fill') return fill(process.argv[3], Number(process.argv[4]));
  const count = Number(process.argv[2] ?? 1_000_000);
  const dataDir = mkdtempSync(join(process.env.BENCH_DATA_PARENT ?? tmpdir(), 'tidings-restart-'));
  const started = performance.now();
  const filler = spawnTypeScript(resolve(__filename), ['fill', dataDir, String(count)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done, fail) => {
    filler.stdout!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      process.stdout.write(text);
      if (text.includes('filled all')) done();
    });
    filler.once('exit', (code) => fail(new Error(`the filler exited (${code})`)));
  });
  const fillSeconds = (performance.now() - started) / 1000;
  filler.kill('SIGKILL');
  await new Promise((done) => filler.once('exit', done));
  const fileBytes = statSync(join(dataDir, 'tidings.sqlite')).size;
  const spawnedAt = performance.now();
  const server = await startTidings({ dataDir });
  const readyMs = performance.now() - spawnedAt;
  await server.stop();
  const result = { date: new Date().toISOString(), messages: count, fileBytes, fillSeconds, readyMs };
  writeFileSync(resolve(REPO_ROOT, 'bench/restart.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(
    `restart on ${count.toLocaleString('en-US')} messages (${(fileBytes / 2 ** 20).toFixed(0)} MB, killed -9 with a log to replay): ready in ${Math.round(readyMs)} ms\n`,
  );
}

process.on('exit', killAllTargets);
main().then(
  () => undefined,
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
