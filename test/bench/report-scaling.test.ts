import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultiNodeLoadResult, MultiNodeResults, ShapeResult } from '../../bench/multi-node-types';
import type { Results } from '../../bench/report';
import { scalingSection, writeScalingSection } from '../../bench/report-scaling';
import type { LatencyStats } from '../../bench/types';

const noLatency: LatencyStats = { samples: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };

function run(
  mode: 'c2c' | 'fanout',
  perMessage: { cpu: number[]; tx: number; writes: number; publishes: number },
): MultiNodeLoadResult {
  return {
    mode,
    nodes: perMessage.cpu.length,
    users: 100,
    rate: 100,
    achievedRate: 100,
    deliveredPerSecond: 100,
    messages: 600,
    sent: 600,
    acked: 600,
    expectedDeliveries: 600,
    delivered: 600,
    errors: 0,
    firstError: null,
    drained: true,
    latency: { sameNode: noLatency, crossNode: noLatency },
    ack: noLatency,
    cpuSecondsPer1000: perMessage.cpu,
    postgres: { transactions: perMessage.tx, writeTransactions: perMessage.writes, rowsWritten: 5, walBytes: 2048 },
    redis: { publishes: perMessage.publishes, bytes: 500, source: 'prefix' },
  };
}

function results(shapes: ShapeResult[], memoryKB: number): Results {
  const multiNode: MultiNodeResults = {
    date: '2026-11-29T03:00:00.000Z',
    cpus: 2,
    loadAverageAtStart: 0.5,
    settings: {
      c2cUsers: 200,
      c2cRate: 400,
      groupSize: 100,
      fanoutRate: 20,
      warmupMs: 1000,
      durationMs: 5000,
      textBytes: 64,
    },
    shapes,
    ceilings: {
      postgresCommitsPerSecond: 4000,
      postgresClients: 8,
      postgresSynchronousCommit: 'on',
      redisPublishesPerSecond: 200_000,
      redisSubscribers: 3,
      notes: [],
    },
    failures: [],
  };
  return {
    machine: { cpus: 2 },
    memory: { tidings: { perConnectionKB: memoryKB }, relay: null },
    multiNode,
  } as unknown as Results;
}

const threeNodes: ShapeResult = {
  key: 'postgres-3',
  label: '3 nodes, PostgreSQL + Redis',
  nodes: 3,
  skipped: null,
  c2c: run('c2c', { cpu: [0.5, 0.5, 1], tx: 0.8, writes: 0.5, publishes: 1 }),
  fanout: run('fanout', { cpu: [4, 4, 4], tx: 3, writes: 1, publishes: 99 }),
  notes: [],
};

describe('the ten-node estimate in docs/scaling.md', () => {
  test('multiplies the 3-node run’s per-message figures by the assumed traffic', () => {
    const text = scalingSection(results([threeNodes], 10));
    // 9,000 C2C × 0.8 + 1,000 group × 3 transactions per message; of those, 9,000 × 0.5 + 1,000 × 1 write.
    expect(text).toMatch(/\| PostgreSQL transactions\/s, read-only ones included \|[^\n]*\| 10,200 \|/);
    expect(text).toMatch(/\| PostgreSQL commits that write \(each a WAL flush\)\/s \|[^\n]*\| 5,500 \|/);
    // 9,000 × 1 + 1,000 × 99 publishes.
    expect(text).toMatch(/\| Redis publishes\/s \|[^\n]*\| 108,000 \|/);
    // (9,000 × 2 s + 1,000 × 12 s) per 1,000 messages, over 10 nodes.
    expect(text).toMatch(/\| CPU per node \|[^\n]*\| 3 cores \|/);
    // 100,000 connections × 10 KB.
    expect(text).toMatch(/\| memory for connections per node \|[^\n]*\| 0\.95 GB \|/);
    // 5,500 of 4,000 commits/s is the largest share.
    expect(text).toContain('the first limit reached is **the PostgreSQL primary (commits)** (138%)');
  });

  test('falls back to the 1-node PostgreSQL run, and marks what no run measured', () => {
    const skipped: ShapeResult = { ...threeNodes, skipped: 'Redis is not reachable', c2c: null, fanout: null };
    const oneNode: ShapeResult = { ...threeNodes, key: 'postgres-1', label: '1 node, PostgreSQL + Redis', nodes: 1 };
    expect(scalingSection(results([oneNode, skipped], 10))).toContain('from the 1 node, PostgreSQL + Redis run');
    const none = scalingSection(results([skipped], 10));
    expect(none).toContain('<!-- filled from bench/results.json -->');
    expect(none).not.toContain('the first limit reached');
  });

  test('rewrites only its own section of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scaling-'));
    try {
      const file = join(dir, 'scaling.md');
      writeFileSync(file, '# Scaling\n\n## Running several nodes\n\nby hand\n');
      writeScalingSection(results([threeNodes], 10), file);
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n## Files across nodes\n\nalso by hand\n`);
      writeScalingSection(results([threeNodes], 20), file);
      const text = readFileSync(file, 'utf8');
      expect(text.match(/## Ten nodes and a million users/g)).toHaveLength(1);
      expect(text).toContain('## Running several nodes\n\nby hand');
      expect(text).toContain('## Files across nodes\n\nalso by hand');
      expect(text).toContain('| 1.91 GB |');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
