/** The several-nodes part of docs/benchmarks.md, from `Results.multiNode`. */
import type { MultiNodeLoadResult, MultiNodeResults, ShapeResult } from './multi-node-types';
import type { LatencyStats } from './types';

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)}` : 'n/a');
const fixed = (n: number | null | undefined, digits: number) =>
  n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits);

/** The rest of a table row after a note in its third cell. */
const EMPTY = ' |'.repeat(8);

const latency = (s: LatencyStats) => (s.samples > 0 ? `${ms(s.p50)} / ${ms(s.p99)} ms` : '–');

/** CPU seconds per 1,000 messages: each process, and their sum when there are several. */
export function cpuCell(run: MultiNodeLoadResult): string {
  const each = run.cpuSecondsPer1000.map((s) => fixed(s, 2));
  if (each.length === 1) return each[0];
  const sum = run.cpuSecondsPer1000.reduce((a, b) => a + b, 0);
  return `${each.join(' + ')} = ${fixed(sum, 2)}`;
}

export const totalCpuPer1000 = (run: MultiNodeLoadResult) => run.cpuSecondsPer1000.reduce((a, b) => a + b, 0);

function rows(shape: ShapeResult): string[] {
  if (shape.skipped) return [`| ${shape.label} | – | skipped: ${shape.skipped} |${EMPTY}`];
  const runs: Array<[string, MultiNodeLoadResult | null]> = [
    ['C2C', shape.c2c],
    ['group fan-out', shape.fanout],
  ];
  return runs.map(([load, run]) => {
    if (!run) return `| ${shape.label} | ${load} | failed (see the bench's output) |${EMPTY}`;
    const redis = run.redis
      ? `${fixed(run.redis.publishes, 1)}${run.redis.bytes === null ? '' : ` (${int(run.redis.bytes)} B)`}${run.redis.source === 'server-wide' ? ' ¹' : ''}`
      : '–';
    return (
      `| ${shape.label} | ${load} | ${int(run.achievedRate)} / ${int(run.deliveredPerSecond)} | ${latency(run.latency.sameNode)} | ` +
      `${latency(run.latency.crossNode)} | ${ms(run.ack.p99)} ms | ${cpuCell(run)} | ${fixed(run.postgres?.transactions, 2)} / ${fixed(run.postgres?.writeTransactions, 2)} | ` +
      `${fixed(run.postgres?.rowsWritten, 1)} | ${run.postgres ? fixed(run.postgres.walBytes / 1024, 1) : '–'} | ${redis} |`
    );
  });
}

function shape(results: MultiNodeResults, key: ShapeResult['key']): ShapeResult | undefined {
  return results.shapes.find((s) => s.key === key && !s.skipped);
}

/** The sentence that says what 3 nodes on this machine show, with the numbers of this run. */
function distributionCost(results: MultiNodeResults): string {
  const one = shape(results, 'postgres-1')?.c2c;
  const three = shape(results, 'postgres-3')?.c2c;
  const intro =
    `On this machine's ${results.cpus} cores (load average ${results.loadAverageAtStart.toFixed(1)} when the section started), 3 nodes show the cost of distribution, not a speed-up: the nodes, PostgreSQL, ` +
    'Redis and the load generator all share those cores, so a third node adds work (a Redis hop, its own connections ' +
    'and timers) and no capacity.';
  if (!one || !three) {
    const missing = results.shapes.find((sh) => sh.key.startsWith('postgres') && !sh.c2c);
    const why = missing?.skipped ? `: ${missing.skipped}` : '';
    return `${intro} (${missing?.label ?? 'The PostgreSQL shapes'} did not run here${why}; the comparison comes with a run that has both PostgreSQL shapes.)`;
  }
  const cross = three.latency.crossNode;
  const same = three.latency.sameNode;
  return (
    `${intro} Summed over the processes, 3 nodes spent ${fixed(totalCpuPer1000(three), 2)} CPU s per 1,000 C2C messages ` +
    `against ${fixed(totalCpuPer1000(one), 2)} for one node on the same database; a cross-node delivery took p50 ` +
    `${ms(cross.p50)} ms against ${ms(same.p50)} ms on the same node. Several nodes pay off on several machines, where ` +
    'each brings its own cores and memory for connections (docs/scaling.md).'
  );
}

export function multiNodeSection(results: MultiNodeResults | undefined): string {
  if (!results) return '';
  const s = results.settings;
  const c = results.ceilings;
  const ceilings = [
    c.postgresCommitsPerSecond === null
      ? null
      : `PostgreSQL alone committed ${int(c.postgresCommitsPerSecond)} one-row transactions/s from ${c.postgresClients} connections (synchronous_commit ${c.postgresSynchronousCommit})`,
    c.redisPublishesPerSecond === null
      ? null
      : `Redis alone took ${int(c.redisPublishesPerSecond)} PUBLISH/s from one pipelining client, each heard by ${c.redisSubscribers} subscribers`,
  ].filter(Boolean);
  const notes = results.shapes.flatMap((sh) => sh.notes.map((note) => `- ${sh.label}: ${note}.`));
  const serverWide = results.shapes.some((sh) =>
    [sh.c2c, sh.fanout].some((run) => run?.redis?.source === 'server-wide'),
  );
  return `### Several nodes

The same two loads against each deployment, ${results.date.slice(0, 16).replace('T', ' ')} UTC (\`bench/multi-node.ts\`,
\`bench/deployments.ts\`): **C2C**, ${int(s.c2cRate)} msgs/s among ${int(s.c2cUsers)} users (each message from a random
user to a random other one), and **group fan-out**, ${int(s.fanoutRate)} msgs/s into one Work group of ${int(s.groupSize)}
members (each message from a random member, pushed to the ${int(s.groupSize - 1)} others). Both are open loops at a fixed rate,
${s.warmupMs / 1000} s warm-up then ${s.durationMs / 1000} s measured; user *i* connects to node *i* mod *nodes*, so with 3 nodes a third of
the deliveries stay on their node and two thirds cross it (through Redis). A PostgreSQL deployment gets a database of its own
(\`CREATE DATABASE bench_…\`, dropped after) and a Redis prefix of its own; every node shares one \`TIDINGS_SECRET_KEY\`.

Latency is from each message's scheduled send time to its push, split by whether sender and receiver sit on the same node.
CPU is user + system seconds of each process (\`/proc/<pid>/stat\`) over the load, per 1,000 messages *sent* (all of the
deployment's, so the processes add up). PostgreSQL transactions, rows and WAL per message come from \`pg_stat_database\`
(\`xact_commit\`: every committed transaction, read-only ones included; \`tup_inserted + tup_updated + tup_deleted\` of the bench's database),
the transaction IDs taken (only a transaction that writes takes one, and its commit flushes the WAL) and \`pg_current_wal_lsn()\`, these two
the whole cluster's (anything else writing on the machine counts too), read before and after the load; Redis publishes per
message from a pattern subscription on the deployment's prefix.

| deployment | load | sent msgs/s / pushes/s | same node p50 / p99 | cross node p50 / p99 | answer p99 | CPU s per 1,000 msgs, per process | PostgreSQL transactions / writing ones per msg | rows written / msg | WAL KB / msg | Redis publishes / msg |
|---|---|---|---|---|---|---|---|---|---|---|
${results.shapes.flatMap(rows).join('\n')}
${serverWide ? '\n¹ Counted server-wide (INFO commandstats): the server build has no Redis prefix setting, so anyone else publishing on that Redis counts too.\n' : ''}
${distributionCost(results)}
${ceilings.length > 0 ? `\nFor the estimate in docs/scaling.md: ${ceilings.join('; ')}.\n` : ''}${c.notes.length > 0 ? `\n${c.notes.map((n) => `- ${n}`).join('\n')}\n` : ''}${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}
