/**
 * Section 7 of the bench: the same fixed-rate C2C load and group fan-out load against the relay,
 * 1 node on SQLite, 1 node on PostgreSQL + Redis and 3 nodes on PostgreSQL + Redis, each from a
 * load generator child process (bench/multi-node-load.ts). PostgreSQL shapes are skipped, with
 * the reason, when PostgreSQL or Redis does not answer.
 *
 * Knobs: BENCH_MULTI_USERS, BENCH_MULTI_RATE (C2C msgs/s), BENCH_MULTI_GROUP_SIZE,
 * BENCH_MULTI_FANOUT_RATE (group msgs/s), BENCH_MULTI_WARMUP_MS, BENCH_MULTI_DURATION_MS,
 * BENCH_MULTI_SHAPES (e.g. "relay,sqlite-1"), BENCH_CEILING_MS, TIDINGS_BENCH_DATABASE_URL, TIDINGS_BENCH_REDIS_URL.
 */
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { envInt, spawnTypeScript } from './common';
import {
  REDIS_PREFIX_ENV,
  SHAPES,
  serverSupports,
  servicesFromEnvironment,
  servicesUnreachable,
  startDeployment,
  type Deployment,
  type ShapeSpec,
} from './deployments';
import type {
  MultiNodeLoadConfig,
  MultiNodeLoadMessage,
  MultiNodeLoadResult,
  MultiNodeResults,
  ShapeResult,
} from './multi-node-types';
import { measureCeilings } from './service-ceilings';

const DRAIN_MS = 15_000;
const CHILD_SLACK_MS = 60_000;

export interface MultiNodeOptions {
  log: (line: string) => void;
  /** Extra node flags for every server process (BENCH_SERVER_NODE_ARGS). */
  nodeArgs: string[];
  textBytes: number;
}

function settingsFromEnvironment(textBytes: number): MultiNodeResults['settings'] {
  return {
    c2cUsers: envInt('BENCH_MULTI_USERS', 200, 2),
    c2cRate: envInt('BENCH_MULTI_RATE', 400),
    groupSize: envInt('BENCH_MULTI_GROUP_SIZE', 100, 2),
    fanoutRate: envInt('BENCH_MULTI_FANOUT_RATE', 20),
    warmupMs: envInt('BENCH_MULTI_WARMUP_MS', 1000, 0),
    durationMs: envInt('BENCH_MULTI_DURATION_MS', 5000),
    textBytes,
  };
}

function chosenShapes(): readonly ShapeSpec[] {
  const listed = process.env.BENCH_MULTI_SHAPES;
  if (!listed) return SHAPES;
  const keys = listed.split(',').map((key) => key.trim());
  const unknown = keys.filter((key) => !SHAPES.some((shape) => shape.key === key));
  if (unknown.length > 0)
    throw new Error(
      `BENCH_MULTI_SHAPES: unknown ${unknown.join(', ')} (known: ${SHAPES.map((s) => s.key).join(', ')})`,
    );
  return SHAPES.filter((shape) => keys.includes(shape.key));
}

function runLoad(config: MultiNodeLoadConfig, log: (line: string) => void): Promise<MultiNodeLoadResult> {
  const child = spawnTypeScript(resolve(__dirname, 'multi-node-load.ts'), [JSON.stringify(config)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const limitMs = config.warmupMs + config.durationMs + config.drainMs + 2 * config.settleMs + CHILD_SLACK_MS;
  return new Promise((resolveRun, rejectRun) => {
    let result: MultiNodeLoadResult | null = null;
    let failed: string | null = null;
    const timer = setTimeout(() => {
      failed = `load generator did not finish within ${Math.round(limitMs / 1000)} s`;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('message', (message: MultiNodeLoadMessage) => {
      if (message.type === 'progress') log(`      ${message.text}`);
      else if (message.type === 'result') result = message.result;
      else failed = message.message;
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (failed) rejectRun(new Error(`load generator: ${failed}`));
      else if (code !== 0 || !result) rejectRun(new Error(`load generator exited with ${signal ?? code}`));
      else resolveRun(result);
    });
  });
}

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

function describe(run: MultiNodeLoadResult): string {
  const { sameNode, crossNode } = run.latency;
  const latency = (name: string, s: typeof sameNode) =>
    s.samples > 0 ? `${name} p50 ${fixed(s.p50)} / p99 ${fixed(s.p99)} ms` : `${name} –`;
  return [
    `${Math.round(run.achievedRate)} msgs/s sent, ${Math.round(run.deliveredPerSecond)} pushes/s`,
    latency('same node', sameNode),
    latency('cross node', crossNode),
    `CPU s/1,000 msgs ${run.cpuSecondsPer1000.map((s) => fixed(s, 2)).join(' + ')}`,
    ...(run.postgres
      ? [
          `PostgreSQL ${fixed(run.postgres.transactions, 2)} transactions/msg (${fixed(run.postgres.writeTransactions, 2)} writing)`,
        ]
      : []),
    ...(run.redis ? [`Redis ${fixed(run.redis.publishes, 1)} publishes/msg (${run.redis.source})`] : []),
  ].join('; ');
}

/** Why the run lost or refused something, or null when every send was answered 0 and every push arrived. */
function problemsOf(run: MultiNodeLoadResult): string | null {
  const problems: string[] = [];
  if (!run.drained) problems.push(`not drained within ${DRAIN_MS / 1000} s`);
  if (run.sent !== run.acked) problems.push(`sent ${run.sent}, acked ${run.acked}`);
  if (run.delivered !== run.expectedDeliveries)
    problems.push(`delivered ${run.delivered} of ${run.expectedDeliveries} expected`);
  if (run.errors > 0) problems.push(`${run.errors} error(s), first: ${run.firstError}`);
  return problems.length > 0 ? problems.join('; ') : null;
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0];

export async function measureMultiNode(options: MultiNodeOptions): Promise<MultiNodeResults> {
  const { log } = options;
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg()[0];
  const settings = settingsFromEnvironment(options.textBytes);
  const shapes = chosenShapes();
  const services = servicesFromEnvironment();
  const needsServices = shapes.some((shape) => shape.kind === 'postgres');
  const unreachable = needsServices ? await servicesUnreachable(services) : 'no PostgreSQL shape chosen';
  const hasRedisBus = serverSupports('TIDINGS_REDIS_URL');
  const hasRedisPrefix = serverSupports(REDIS_PREFIX_ENV);
  const failures: string[] = [];
  const results: ShapeResult[] = [];

  log(
    `  C2C: ${settings.c2cRate} msgs/s among ${settings.c2cUsers} users; fan-out: ${settings.fanoutRate} msgs/s to a group of ${settings.groupSize}`,
  );
  const ceilings = await measureCeilings(needsServices ? services : null, unreachable);
  if (ceilings.postgresCommitsPerSecond !== null)
    log(
      `  PostgreSQL alone: ${Math.round(ceilings.postgresCommitsPerSecond)} one-row commits/s from ${ceilings.postgresClients} clients`,
    );
  if (ceilings.redisPublishesPerSecond !== null)
    log(
      `  Redis alone: ${Math.round(ceilings.redisPublishesPerSecond)} publishes/s to ${ceilings.redisSubscribers} subscribers`,
    );

  for (const spec of shapes) {
    const result: ShapeResult = {
      key: spec.key,
      label: spec.label,
      nodes: spec.nodes,
      skipped: null,
      c2c: null,
      fanout: null,
      notes: [],
    };
    results.push(result);
    if (spec.kind === 'postgres') {
      if (unreachable) result.skipped = unreachable;
      else if (!hasRedisBus && spec.nodes > 1)
        result.skipped =
          'this build of the server has no Redis bus (TIDINGS_REDIS_URL): its nodes would not hear each other';
      else if (!hasRedisBus)
        result.notes.push('this build of the server has no Redis bus: PostgreSQL with the in-process bus');
      else if (!hasRedisPrefix)
        result.notes.push(
          `this build of the server has no ${REDIS_PREFIX_ENV}: its Redis keys are not removed after the run, and pub/sub is counted server-wide`,
        );
    }
    log(`\n  ${spec.label}`);
    if (result.skipped) {
      log(`    skipped: ${result.skipped}`);
      continue;
    }
    let deployment: Deployment;
    try {
      deployment = await startDeployment(spec, {
        services,
        nodeArgs: options.nodeArgs,
        groupMessagesPerSecond: Math.max(40, settings.fanoutRate * 2),
      });
    } catch (error) {
      result.skipped = `did not start: ${firstLine(error)}`;
      failures.push(`${spec.label}: ${result.skipped}`);
      log(`    FAILED ${result.skipped}`);
      continue;
    }
    log(`    pids ${deployment.nodes.map((node) => node.pid).join(', ')}`);
    try {
      for (const mode of ['c2c', 'fanout'] as const) {
        const config: MultiNodeLoadConfig = {
          mode,
          socketURLs: deployment.nodes.map((node) => node.socketURL),
          pids: deployment.nodes.map((node) => node.pid),
          prefix: `m${spec.key.replace('-', '')}${mode[0]}${Date.now().toString(36)}`,
          users: mode === 'c2c' ? settings.c2cUsers : settings.groupSize,
          rate: mode === 'c2c' ? settings.c2cRate : settings.fanoutRate,
          warmupMs: settings.warmupMs,
          durationMs: settings.durationMs,
          drainMs: DRAIN_MS,
          settleMs: deployment.postgres ? 1500 : 300,
          textBytes: settings.textBytes,
          postgres: deployment.postgres,
          redis: hasRedisBus ? deployment.redis : null,
        };
        log(`    ${mode === 'c2c' ? 'C2C' : 'group fan-out'}`);
        try {
          const run = await runLoad(config, log);
          result[mode] = run;
          log(`      ${describe(run)}`);
          const problems = problemsOf(run);
          if (problems) {
            failures.push(`${spec.label}, ${mode}: ${problems}`);
            log(`      FAILED ${problems}`);
          }
        } catch (error) {
          failures.push(`${spec.label}, ${mode}: ${firstLine(error)}`);
          log(`      FAILED ${firstLine(error)}`);
        }
        if (!deployment.isRunning()) {
          failures.push(`${spec.label}: a node died`);
          log(`      FAILED a node died:\n${deployment.nodes.map((node) => node.output()).join('\n')}`);
          break;
        }
      }
    } finally {
      await deployment.stop();
    }
  }
  return { date: startedAt, cpus: cpus().length, loadAverageAtStart, settings, shapes: results, ceilings, failures };
}
