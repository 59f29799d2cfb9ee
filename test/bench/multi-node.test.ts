import { existsSync } from 'node:fs';
import { stopAllDeployments } from '../../bench/deployments';
import { measureMultiNode } from '../../bench/multi-node';

const built = existsSync('dist/node/server/cli.js');
const knobs = {
  BENCH_MULTI_SHAPES: 'relay,sqlite-1',
  BENCH_MULTI_USERS: '20',
  BENCH_MULTI_RATE: '40',
  BENCH_MULTI_GROUP_SIZE: '10',
  BENCH_MULTI_FANOUT_RATE: '5',
  BENCH_MULTI_WARMUP_MS: '200',
  BENCH_MULTI_DURATION_MS: '1000',
};
const saved = Object.fromEntries(Object.keys(knobs).map((name) => [name, process.env[name]]));

beforeAll(() => Object.assign(process.env, knobs));
afterAll(async () => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  await stopAllDeployments();
});

(built ? describe : describe.skip)('the several-nodes bench (skipped without dist/: npm run build)', () => {
  test('C2C and group fan-out reach every recipient on the relay and a SQLite node, with CPU per process', async () => {
    const lines: string[] = [];
    const results = await measureMultiNode({ log: (line) => lines.push(line), nodeArgs: [], textBytes: 64 });
    expect(results.failures).toEqual([]);
    expect(results.shapes.map((shape) => shape.key)).toEqual(['relay', 'sqlite-1']);
    for (const shape of results.shapes) {
      expect(shape.skipped).toBeNull();
      const { c2c, fanout } = shape;
      expect(c2c!.delivered).toBe(c2c!.sent);
      // Every group message reaches the 9 members besides its sender.
      expect(fanout!.delivered).toBe(fanout!.sent * 9);
      expect(fanout!.latency.sameNode.samples).toBeGreaterThan(0);
      // One node: no delivery crosses to another.
      expect(c2c!.latency.crossNode.samples).toBe(0);
      expect(c2c!.cpuSecondsPer1000).toHaveLength(1);
      expect(c2c!.cpuSecondsPer1000[0]).toBeGreaterThan(0);
      expect(c2c!.postgres).toBeNull();
    }
  }, 120_000);
});
