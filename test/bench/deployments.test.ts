import { existsSync } from 'node:fs';
import Redis from 'ioredis';
import pg from 'pg';
import {
  SHAPES,
  servicesFromEnvironment,
  servicesUnreachable,
  startDeployment,
  stopAllDeployments,
} from '../../bench/deployments';

// The bench's deployments run the built server (dist/), as the bench does.
const built = existsSync('dist/node/server/cli.js');
const services = { ...servicesFromEnvironment() };
if (process.env.TIDINGS_TEST_DATABASE_URL) services.databaseURL = process.env.TIDINGS_TEST_DATABASE_URL;
if (process.env.TIDINGS_TEST_REDIS_URL) services.redisURL = process.env.TIDINGS_TEST_REDIS_URL;
const options = { services, nodeArgs: [], groupMessagesPerSecond: 40 };
const shape = (key: string) => SHAPES.find((s) => s.key === key)!;

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: services.databaseURL });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

afterAll(() => stopAllDeployments());

(built ? describe : describe.skip)('bench deployments (skipped without dist/: npm run build)', () => {
  test('a SQLite node answers /healthz on its own port and is gone after stop', async () => {
    const deployment = await startDeployment(shape('sqlite-1'), options);
    const [node] = deployment.nodes;
    const health = await fetch(node.socketURL.replace(/^ws:/, 'http:').replace(/\/ws$/, '/healthz'));
    expect(health.status).toBe(200);
    expect(deployment.postgres).toBeNull();
    await deployment.stop();
    expect(node.isRunning()).toBe(false);
  });

  test('a PostgreSQL deployment makes its own database and Redis prefix and leaves neither behind', async () => {
    // The test run provides both (test/helpers/services.ts); the bench itself skips such shapes instead.
    expect(await servicesUnreachable(services)).toBeNull();
    const deployment = await startDeployment(shape('postgres-1'), options);
    const { database } = deployment.postgres!;
    const { prefix } = deployment.redis!;
    expect(database).toMatch(/^bench_[0-9a-f]{12}$/);
    expect(await databaseExists(database)).toBe(true);
    const redis = new Redis(services.redisURL);
    try {
      await redis.set(`${prefix}left-over`, '1');
      await redis.set(`not-${prefix}kept`, '1', 'EX', 60);
      await deployment.stop();
      expect(await databaseExists(database)).toBe(false);
      expect(await redis.exists(`${prefix}left-over`)).toBe(0);
      expect(await redis.exists(`not-${prefix}kept`)).toBe(1);
    } finally {
      await redis.del(`not-${prefix}kept`);
      redis.disconnect();
    }
  });
});
