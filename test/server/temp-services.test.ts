import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startTempPostgres, startTempRedis, type TempService } from '../helpers/temp-services';

/** The error code of a TCP connection to the port: 'ECONNREFUSED' once the server is stopped. */
function connectionOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function withRedis<T>(url: string, work: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    return await work(redis);
  } finally {
    redis.disconnect();
  }
}

describe('a PostgreSQL and a Redis of the test its own', () => {
  let service: TempService | undefined;
  afterEach(async () => {
    await service?.destroy();
    service = undefined;
  });

  test('PostgreSQL (fsync on, 127.0.0.1 only): a committed row outlives a crash-like stop; while stopped the port refuses connections', async () => {
    service = await startTempPostgres();
    const { url, port } = service;
    expect(url).toBe(`postgres://postgres@127.0.0.1:${port}/postgres`);
    await withPostgres(url, async (client) => {
      const setting = async (name: string) =>
        (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name];
      expect(await setting('fsync')).toBe('on');
      expect(await setting('listen_addresses')).toBe('127.0.0.1');
      await client.query('CREATE TABLE kept (note TEXT)');
      await client.query("INSERT INTO kept VALUES ('before the stop')");
    });

    await service.stop();
    expect(await connectionOutcome(port)).toBe('ECONNREFUSED');

    await service.start();
    const rows = await withPostgres(
      url,
      async (client) => (await client.query<{ note: string }>('SELECT note FROM kept')).rows,
    );
    expect(rows).toEqual([{ note: 'before the stop' }]);
  });

  test('PostgreSQL: destroy stops it and removes its folder', async () => {
    service = await startTempPostgres();
    const { url, port } = service;
    const folder = await withPostgres(
      url,
      async (client) => (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory,
    );
    expect(existsSync(folder)).toBe(true);
    await service.destroy();
    expect(existsSync(folder)).toBe(false);
    expect(await connectionOutcome(port)).toBe('ECONNREFUSED');
  });

  test('Redis with appendOnly: a write outlives a stop; while stopped the port refuses connections', async () => {
    service = await startTempRedis({ appendOnly: true });
    const { url, port } = service;
    expect(url).toBe(`redis://127.0.0.1:${port}`);
    await withRedis(url, (redis) => redis.set('kept', 'before the stop'));

    await service.stop();
    expect(await connectionOutcome(port)).toBe('ECONNREFUSED');

    await service.start();
    expect(await withRedis(url, (redis) => redis.get('kept'))).toBe('before the stop');
  });

  test('Redis without appendOnly keeps nothing across a stop', async () => {
    service = await startTempRedis();
    await withRedis(service.url, (redis) => redis.set('kept', 'before the stop'));
    await service.stop();
    await service.start();
    expect(await withRedis(service.url, (redis) => redis.get('kept'))).toBeNull();
  });
});
