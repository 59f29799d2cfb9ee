/**
 * The Tidings benchmark: `npm run bench` (builds, then `tsx bench/run.ts`).
 *
 * Starts the baseline relay and the real server as child processes, drives each from a load
 * generator child process, and writes bench/results.json and docs/benchmarks.md. Exits 1 when a
 * server does not start or a run loses or refuses messages.
 *
 * Knobs (environment): BENCH_PAIRS, BENCH_WINDOW, BENCH_WARMUP_MS, BENCH_DURATION_MS,
 * BENCH_ROUNDS, BENCH_IDLE_CONNECTIONS, BENCH_UPLOAD_ROUNDS, BENCH_TEXT_BYTES, BENCH_DATA_PARENT (folder for the
 * server's data), BENCH_TIDINGS_ROOT (another checkout's build of the server), BENCH_OPEN_LOOP_ONLY (just section 1), BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"),
 * BENCH_MULTI_NODE_ONLY (just section 7, put into the last bench/results.json; its knobs are in bench/multi-node.ts).
 */
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { measureBundles, measureComponents } from './bundle';
import { envInt, openFilesLimit, readRssKB, REPO_ROOT, sleep, spawnTypeScript } from './common';
import { stopAllDeployments } from './deployments';
import { measureMultiNode } from './multi-node';
import {
  printTable,
  writeReports,
  type IdleMemory,
  type Machine,
  type OpenLoopSeries,
  type Results,
  type Settings,
} from './report';
import { killAllTargets, startRelay, startTidings, type Target } from './server';
import { measureUpload } from './upload';
import type {
  DeliveryCheck,
  IdleConfig,
  LatencyConfig,
  LatencyResult,
  LoadConfig,
  LoadMessage,
  LoadResult,
  OpenLoopConfig,
  OpenLoopResult,
  ThroughputConfig,
  ThroughputResult,
} from './types';

const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;
const DRAIN_MS = 15_000;
/** Open loop: each rate is `OPEN_LOOP_FACTOR` times the one before; a step is sustained while delivery p99 stays under the limit and nothing is lost. */
const OPEN_LOOP_FACTOR = 1.5;
const OPEN_LOOP_STEP_WARMUP_MS = 500;
const OPEN_LOOP_STEP_MS = 2000;
const OPEN_LOOP_P99_LIMIT_MS = 100;
const OPEN_LOOP_USERS = [100, 1000];
const OPEN_LOOP_TARGET_RATIO = 0.35;
const OPEN_LOOP_TARGET_DISK_BYTES = 4096;
const OPEN_LOOP_START = 250;
/** Whatever a load generator run should take, plus this, is when it is killed as hung. */
const CHILD_SLACK_MS = 45_000;

const settings: Settings = {
  pairs: envInt('BENCH_PAIRS', 50),
  window: envInt('BENCH_WINDOW', 10),
  warmupMs: envInt('BENCH_WARMUP_MS', 1000, 0),
  durationMs: envInt('BENCH_DURATION_MS', 5000),
  textBytes: envInt('BENCH_TEXT_BYTES', 64, 16),
  rounds: envInt('BENCH_ROUNDS', 3),
  idleConnections: envInt('BENCH_IDLE_CONNECTIONS', 2000),
};

const failures: string[] = [];
const log = (line: string) => process.stdout.write(`${line}\n`);
let runCounter = 0;
/** A fresh userID prefix per run, so every run talks in new conversations. */
const nextPrefix = (kind: string) => `b${++runCounter}${kind}`;

/** Runs bench/load.ts once; `onReady` runs while an idle load holds its connections open. */
function runLoad(
  config: LoadConfig,
  expectedMs: number,
  onReady?: (connections: number, ms: number) => Promise<void>,
): Promise<LoadResult | null> {
  const child = spawnTypeScript(resolve(__dirname, 'load.ts'), [JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolveRun, rejectRun) => {
    let result: LoadResult | null = null;
    let failed: string | null = null;
    const timer = setTimeout(() => {
      failed = `load generator did not finish within ${Math.round((expectedMs + CHILD_SLACK_MS) / 1000)} s`;
      child.kill('SIGKILL');
    }, expectedMs + CHILD_SLACK_MS);
    child.on('message', (message: LoadMessage) => {
      if (message.type === 'progress') log(`      ${message.text}`);
      else if (message.type === 'result') result = message.result;
      else if (message.type === 'failed') failed = message.message;
      else if (message.type === 'ready') {
        (onReady ?? (() => Promise.resolve()))(message.connections, message.ms).then(
          () => child.send({ type: 'release' }),
          (error: unknown) => {
            failed = error instanceof Error ? error.message : String(error);
            child.kill('SIGKILL');
          },
        );
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (failed) rejectRun(new Error(`load generator: ${failed}`));
      else if (code !== 0) rejectRun(new Error(`load generator exited with ${signal ?? code}`));
      else resolveRun(result);
    });
  });
}

function ensureAlive(target: Target): void {
  if (!target.isRunning()) throw new Error(`${target.name} server died:\n${target.output()}`);
}

/** Records a failure unless every send was answered 0 and every acknowledged message delivered. */
function checkDelivery(label: string, run: DeliveryCheck): void {
  const problems: string[] = [];
  if (!run.drained) problems.push(`not drained within ${DRAIN_MS / 1000} s`);
  if (run.acked !== run.delivered) problems.push(`acked ${run.acked} ≠ delivered ${run.delivered}`);
  if (run.pairMismatches > 0) problems.push(`${run.pairMismatches} pair(s) with acked ≠ delivered`);
  if (run.sent !== run.acked) problems.push(`sent ${run.sent}, acked ${run.acked}`);
  if (run.errors > 0) problems.push(`${run.errors} error(s), first: ${run.firstError}`);
  if (problems.length === 0) {
    log(`      check: sent ${run.sent} = acked ${run.acked} = delivered ${run.delivered}, no errors`);
    return;
  }
  const failure = `${label}: ${problems.join('; ')}`;
  log(`      FAILED ${failure}`);
  failures.push(failure);
}

async function throughputRun(target: Target): Promise<ThroughputResult> {
  ensureAlive(target);
  const config: ThroughputConfig = {
    mode: 'throughput',
    socketURL: target.socketURL,
    targetPid: target.pid,
    prefix: nextPrefix('t'),
    pairs: settings.pairs,
    window: settings.window,
    warmupMs: settings.warmupMs,
    durationMs: settings.durationMs,
    drainMs: DRAIN_MS,
    textBytes: settings.textBytes,
  };
  const run = (await runLoad(config, settings.warmupMs + settings.durationMs + DRAIN_MS)) as ThroughputResult;
  log(
    `      ${target.name}: ${Math.round(run.deliveredPerSecond).toLocaleString('en-US')} msgs/s delivered ` +
      `(CPU server ${(run.cpu.server * 100).toFixed(0)}%, load generator ${(run.cpu.loadGenerator * 100).toFixed(0)}%)`,
  );
  checkDelivery(`${target.name} throughput`, run);
  ensureAlive(target);
  return run;
}

async function latencyRun(target: Target, rate: number): Promise<LatencyResult> {
  ensureAlive(target);
  const config: LatencyConfig = {
    mode: 'latency',
    socketURL: target.socketURL,
    targetPid: target.pid,
    prefix: nextPrefix('l'),
    pairs: settings.pairs,
    rate,
    maxOutstanding: Math.max(1000, rate * 2),
    warmupMs: settings.warmupMs,
    durationMs: settings.durationMs,
    drainMs: DRAIN_MS,
    textBytes: settings.textBytes,
  };
  const run = (await runLoad(config, settings.warmupMs + settings.durationMs + DRAIN_MS)) as LatencyResult;
  log(
    `      ${target.name}: sent ${Math.round(run.achievedRate)} msgs/s; delivery p50 ${run.delivery.p50.toFixed(2)} ms, ` +
      `p99 ${run.delivery.p99.toFixed(2)} ms, max ${run.delivery.max.toFixed(1)} ms (${run.delivery.samples} samples)`,
  );
  checkDelivery(`${target.name} latency`, run);
  ensureAlive(target);
  return run;
}

/** The open-loop series for `users` users against one server; a lost or refused message at a sustained rate fails the bench. */
async function openLoopRun(target: Target, users: number, startRate: number): Promise<OpenLoopResult> {
  ensureAlive(target);
  const config: OpenLoopConfig = {
    mode: 'openloop',
    socketURL: target.socketURL,
    targetPid: target.pid,
    statsURL: target.name === 'relay' ? null : target.socketURL.replace(/^ws:/, 'http:').replace(/\/ws$/, '/stats'),
    prefix: nextPrefix('o'),
    users,
    textBytes: settings.textBytes,
    startRate,
    factor: OPEN_LOOP_FACTOR,
    maxRate: 200_000,
    stepWarmupMs: OPEN_LOOP_STEP_WARMUP_MS,
    stepMs: OPEN_LOOP_STEP_MS,
    halfRateMs: settings.durationMs,
    drainMs: DRAIN_MS,
    p99LimitMs: OPEN_LOOP_P99_LIMIT_MS,
  };
  const steps = Math.ceil(Math.log(200_000 / startRate) / Math.log(OPEN_LOOP_FACTOR)) + 2;
  const run = (await runLoad(
    config,
    steps * (OPEN_LOOP_STEP_WARMUP_MS + OPEN_LOOP_STEP_MS + DRAIN_MS) + settings.durationMs + 60_000,
  )) as OpenLoopResult;
  log(`      ${target.name}: max sustained ${Math.round(run.maxSustainedRate).toLocaleString('en-US')} msgs/s`);
  for (const step of [...run.steps.filter((s) => s.sustained), ...(run.half ? [run.half] : [])])
    if (step.sent !== step.acked || step.acked !== step.delivered || step.errors > 0 || !step.drained)
      checkDelivery(`${target.name} open loop, ${users} users, ${Math.round(step.rate)} msgs/s`, step);
  ensureAlive(target);
  return run;
}

/** RSS of a fresh server after one login, then with `count` idle logged-in connections. */
async function idleMemory(target: Target, count: number): Promise<IdleMemory> {
  const idle = (connections: number, prefix: string): IdleConfig => ({
    mode: 'idle',
    socketURL: target.socketURL,
    prefix,
    connections,
    concurrency: 100,
  });
  await runLoad(idle(1, nextPrefix('w')), 10_000);
  await sleep(1000);
  const rssBeforeKB = readRssKB(target.pid);
  const rssSamplesKB: number[] = [];
  let connectMs = 0;
  await runLoad(idle(count, nextPrefix('i')), 60_000, async (connections, ms) => {
    if (connections !== count) throw new Error(`only ${connections} of ${count} idle connections opened`);
    connectMs = ms;
    log(`      ${count} connections logged in (${Math.round(ms)} ms); letting them sit idle`);
    for (let i = 0; i < 6; i++) {
      await sleep(500);
      rssSamplesKB.push(readRssKB(target.pid));
    }
  });
  const rssAfterKB = rssSamplesKB[rssSamplesKB.length - 1];
  const perConnectionKB = (rssAfterKB - rssBeforeKB) / count;
  log(
    `      ${target.name}: RSS ${rssBeforeKB} KB → ${rssAfterKB} KB = ${perConnectionKB.toFixed(1)} KB per connection`,
  );
  ensureAlive(target);
  return { connections: count, connectMs, rssBeforeKB, rssAfterKB, rssSamplesKB, perConnectionKB };
}

function fileSystemOf(dir: string): string {
  const names: Record<number, string> = {
    0xef53: 'ext4',
    0x01021994: 'tmpfs',
    0x58465342: 'xfs',
    0x9123683e: 'btrfs',
    0x794c7630: 'overlayfs',
    0x6969: 'nfs',
    0x2fc12fc1: 'zfs',
  };
  try {
    const type = Number(statfsSync(dir).type);
    return names[type] ?? `file system type 0x${type.toString(16)}`;
  } catch {
    return 'unknown file system';
  }
}

/** Section 7 alone, put into the last full run's bench/results.json (and its reports regenerated). */
async function multiNodeOnly(nodeArgs: string[]): Promise<void> {
  const file = resolve(REPO_ROOT, 'bench/results.json');
  if (!existsSync(file))
    throw new Error('BENCH_MULTI_NODE_ONLY adds to bench/results.json, and there is none: run the whole bench once');
  const previous = JSON.parse(readFileSync(file, 'utf8')) as Results;
  log('\n7. Several nodes');
  const multiNode = await measureMultiNode({ log, nodeArgs, textBytes: settings.textBytes });
  if (multiNode.failures.length > 0) {
    log(`FAILED (${multiNode.failures.length}):\n${multiNode.failures.map((f) => `  - ${f}`).join('\n')}`);
    log(`${file} left as it was.`);
    process.exitCode = 1;
    return;
  }
  const written = writeReports({ ...previous, multiNode });
  log(
    `Wrote ${written.json}${written.scaling ? `, ${written.markdown} and ${written.scaling}` : ` (the last full run failed, so not ${written.markdown})`}`,
  );
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const machine: Machine = {
    node: process.version,
    platform: process.platform,
    kernel: release(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cpus: cpus().length,
    totalMemoryGB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg()[0],
    dataFileSystem: fileSystemOf(process.env.BENCH_DATA_PARENT ?? tmpdir()),
  };
  log(
    `Tidings bench: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart.toFixed(2)}`,
  );
  log(
    `  ${settings.pairs} pairs, window ${settings.window}, ${settings.warmupMs} ms warm-up + ${settings.durationMs} ms measured, ` +
      `${settings.rounds} round(s); data on ${machine.dataFileSystem}`,
  );

  const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (process.env.BENCH_MULTI_NODE_ONLY) return multiNodeOnly(serverNodeArgs);
  log('\nStarting the relay and the Tidings server');
  const relay = await startRelay();
  const tidings = await startTidings({ nodeArgs: serverNodeArgs });
  log(`  relay   pid ${relay.pid} at ${relay.socketURL}`);
  log(`  Tidings pid ${tidings.pid} at ${tidings.socketURL} (data in ${tidings.dataDir})`);

  const openLoop: OpenLoopSeries[] = [];
  for (const users of OPEN_LOOP_USERS) {
    log(`\n1. Open loop, random pairs among ${users} users, rates from ${OPEN_LOOP_START} msgs/s ×${OPEN_LOOP_FACTOR}`);
    log('  relay');
    const relayRun = await openLoopRun(relay, users, OPEN_LOOP_START);
    log('  Tidings');
    const tidingsRun = await openLoopRun(tidings, users, OPEN_LOOP_START);
    openLoop.push({ users, relay: relayRun, tidings: tidingsRun });
    log(
      `  ${users} users: relay ${Math.round(relayRun.maxSustainedRate)}, Tidings ${Math.round(tidingsRun.maxSustainedRate)} msgs/s = ` +
        `${((tidingsRun.maxSustainedRate / Math.max(1, relayRun.maxSustainedRate)) * 100).toFixed(0)}%`,
    );
  }
  if (process.env.BENCH_OPEN_LOOP_ONLY) {
    await Promise.all([relay.stop(), tidings.stop()]);
    return;
  }

  log('\n2. Throughput (closed loop over 50 fixed pairs: the kindest case)');
  const throughput = { relay: [] as ThroughputResult[], tidings: [] as ThroughputResult[] };
  for (let round = 1; round <= settings.rounds; round++) {
    // Alternate who goes first, so a drift in the machine's load does not favour one side.
    const order = round % 2 === 1 ? [relay, tidings] : [tidings, relay];
    for (const target of order) {
      log(`  round ${round}/${settings.rounds}: ${target.name}`);
      (target === relay ? throughput.relay : throughput.tidings).push(await throughputRun(target));
    }
  }
  const best = (runs: ThroughputResult[]) => Math.max(...runs.map((run) => run.deliveredPerSecond));
  const median = (runs: ThroughputResult[]) => {
    const sorted = runs.map((run) => run.deliveredPerSecond).sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  };
  const relayBest = best(throughput.relay);
  const tidingsBest = best(throughput.tidings);
  log(
    `  best: relay ${Math.round(relayBest)} msgs/s, Tidings ${Math.round(tidingsBest)} msgs/s, ratio ${((tidingsBest / relayBest) * 100).toFixed(0)}%`,
  );

  const rate = Math.max(50, Math.round(tidingsBest / 2));
  log(`\n3. Latency (open loop over the fixed pairs at ${rate} msgs/s, half of Tidings' best)`);
  log('  Tidings');
  const tidingsLatency = await latencyRun(tidings, rate);
  log('  relay');
  const relayLatency = await latencyRun(relay, rate);
  await Promise.all([relay.stop(), tidings.stop()]);

  // The servers and the load generator are children of this process and inherit its limit.
  const limit = openFilesLimit('self');
  const idleCount = Math.max(1, Math.min(settings.idleConnections, limit - 200));
  if (idleCount < settings.idleConnections)
    log(`  (open-files limit ${limit}: ${idleCount} idle connections instead of ${settings.idleConnections})`);
  settings.idleConnections = idleCount;
  log(`\n4. Memory per idle connection (${idleCount} logged-in connections, fresh processes)`);
  log('  Tidings');
  const freshTidings = await startTidings({ nodeArgs: serverNodeArgs });
  const tidingsMemory = await idleMemory(freshTidings, idleCount);
  await freshTidings.stop();
  log('  relay');
  const freshRelay = await startRelay();
  const relayMemory = await idleMemory(freshRelay, idleCount);
  await freshRelay.stop();

  log('\n5. SDK bundle sizes');
  const bundles = await measureBundles();
  for (const bundle of bundles)
    log(
      bundle.present
        ? `  ${bundle.file}: ${bundle.rawBytes} bytes raw, ${bundle.minGzipBytes} bytes min+gzip`
        : `  ${bundle.file} is missing (not built); not measured`,
    );
  const [wechatBundle] = bundles;
  const components = measureComponents();
  for (const c of components)
    log(`  ${c.folder}: ${c.files} files, ${c.rawBytes} bytes raw, ${c.gzipBytes} bytes gzip`);

  log('\n6. Upload of a 100 MB file: SDK (tus, 4 MB parts) next to one plain HTTP PUT');
  const upload = await measureUpload(envInt('BENCH_UPLOAD_ROUNDS', 2));
  log(
    `  SDK ${upload.sdkMBps.map((v) => v.toFixed(0)).join(', ')} MB/s; plain PUT ${upload.putMBps.map((v) => v.toFixed(0)).join(', ')} MB/s`,
  );

  log(
    '\n7. Several nodes: one C2C and one group fan-out load on the relay, 1 node on SQLite, 1 and 3 nodes on PostgreSQL + Redis',
  );
  const multiNode = await measureMultiNode({ log, nodeArgs: serverNodeArgs, textBytes: settings.textBytes });
  failures.push(...multiNode.failures);

  const results: Results = {
    ok: failures.length === 0,
    failures,
    date: new Date().toISOString(),
    elapsedSeconds: (performance.now() - startedAt) / 1000,
    machine,
    settings,
    figures: {
      relayMsgsPerSecond: relayBest,
      tidingsMsgsPerSecond: tidingsBest,
      relayMsgsPerSecondMedian: median(throughput.relay),
      tidingsMsgsPerSecondMedian: median(throughput.tidings),
      tidingsToRelay: tidingsBest / relayBest,
      latencyRate: rate,
      relayLatencyP50Ms: relayLatency.delivery.p50,
      relayLatencyP99Ms: relayLatency.delivery.p99,
      tidingsLatencyP50Ms: tidingsLatency.delivery.p50,
      tidingsLatencyP99Ms: tidingsLatency.delivery.p99,
      tidingsAckP99Ms: tidingsLatency.ack.p99,
      relayIdleKBPerConnection: relayMemory.perConnectionKB,
      tidingsIdleKBPerConnection: tidingsMemory.perConnectionKB,
      wechatBundleMinGzipBytes: wechatBundle?.present ? wechatBundle.minGzipBytes : null,
    },
    openLoop,
    throughput,
    latency: { rate, relay: relayLatency, tidings: tidingsLatency },
    memory: { relay: relayMemory, tidings: tidingsMemory },
    bundles,
    components,
    upload,
    multiNode,
    targets: {
      throughputRatio: TARGET_RATIO,
      p99Ms: TARGET_P99_MS,
      openLoopRatio: OPEN_LOOP_TARGET_RATIO,
      openLoopP99LimitMs: OPEN_LOOP_P99_LIMIT_MS,
      openLoopDiskBytesPerMessage: OPEN_LOOP_TARGET_DISK_BYTES,
    },
  };
  printTable(results);
  const written = writeReports(results);
  if (results.ok) {
    log(`Wrote ${written.json} and ${written.markdown} (${Math.round(results.elapsedSeconds)} s)`);
  } else {
    log(`FAILED (${failures.length}):\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    log(`Wrote ${written.json}; ${written.markdown} left as it was.`);
    process.exitCode = 1;
  }
}

process.on('exit', killAllTargets);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllTargets();
    // The servers are gone, so their databases can be dropped.
    void stopAllDeployments().finally(() => process.exit(130));
  });
}
main().then(
  () => process.exit(),
  (error: unknown) => {
    process.stderr.write(`\nbench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
