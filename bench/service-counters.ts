/**
 * PostgreSQL's and Redis's own counts around a load: transactions, rows and WAL of the bench's
 * database; pub/sub messages on the deployment's prefix. Each counter is `begin()` before the load
 * and `end(messages)` after it, and gives per-message figures.
 */
import Redis from 'ioredis';
import pg from 'pg';
import type { PostgresPerMessage, PostgresProbe, RedisPerMessage, RedisProbe } from './multi-node-types';

export interface Counter<PerMessage> {
  begin(): Promise<void>;
  /** Reads again, closes its connections and divides by `messages`. */
  end(messages: number): Promise<PerMessage>;
}

interface PostgresReading {
  commits: number;
  /** The next transaction ID: only transactions that write take one. */
  nextXid: number;
  rows: number;
  lsn: string;
}

export async function openPostgresCounter(probe: PostgresProbe): Promise<Counter<PostgresPerMessage>> {
  // Connected to the admin database, so the counter's own queries are not the bench database's transactions.
  const client = new pg.Client({ connectionString: probe.adminURL });
  await client.connect();
  const read = async (): Promise<PostgresReading> => {
    const { rows } = await client.query<{ commits: string; next_xid: string; rows: string; lsn: string }>(
      `SELECT xact_commit AS commits, pg_snapshot_xmax(pg_current_snapshot())::text AS next_xid,
              tup_inserted + tup_updated + tup_deleted AS rows, pg_current_wal_lsn()::text AS lsn
         FROM pg_stat_database WHERE datname = $1`,
      [probe.database],
    );
    if (!rows[0]) throw new Error(`no pg_stat_database row for ${probe.database}`);
    const [row] = rows;
    return { commits: Number(row.commits), nextXid: Number(row.next_xid), rows: Number(row.rows), lsn: row.lsn };
  };
  let before: PostgresReading | null = null;
  return {
    begin: async () => {
      before = await read();
    },
    end: async (messages) => {
      try {
        const after = await read();
        if (!before) throw new Error('PostgreSQL counter ended before it began');
        const wal = await client.query<{ bytes: number }>('SELECT pg_wal_lsn_diff($1, $2)::float8 AS bytes', [
          after.lsn,
          before.lsn,
        ]);
        return {
          transactions: (after.commits - before.commits) / messages,
          writeTransactions: (after.nextXid - before.nextXid) / messages,
          rowsWritten: (after.rows - before.rows) / messages,
          walBytes: wal.rows[0].bytes / messages,
        };
      } finally {
        await client.end();
      }
    },
  };
}

/** PUBLISH and SPUBLISH calls the Redis server has answered since it started. */
async function serverPublishes(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let calls = 0;
  for (const match of info.matchAll(/^cmdstat_s?publish:calls=(\d+)/gm)) calls += Number(match[1]);
  return calls;
}

export async function openRedisCounter(probe: RedisProbe): Promise<Counter<RedisPerMessage>> {
  const options = { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false };
  const subscriber = new Redis(probe.url, options);
  const admin = new Redis(probe.url, options);
  await Promise.all([subscriber.connect(), admin.connect()]);
  let counting = false;
  let heard = 0;
  let bytes = 0;
  subscriber.on('pmessageBuffer', (_pattern: Buffer, _channel: Buffer, message: Buffer) => {
    if (!counting) return;
    heard++;
    bytes += message.length;
  });
  await subscriber.psubscribe(`${probe.prefix}*`);
  let publishedBefore = 0;
  return {
    begin: async () => {
      publishedBefore = await serverPublishes(admin);
      counting = true;
    },
    end: async (messages) => {
      counting = false;
      try {
        const published = (await serverPublishes(admin)) - publishedBefore;
        // Nothing heard on the prefix: the nodes publish elsewhere (no prefix setting), so count the whole server.
        return heard > 0
          ? { publishes: heard / messages, bytes: bytes / messages, source: 'prefix' }
          : { publishes: published / messages, bytes: null, source: 'server-wide' };
      } finally {
        subscriber.disconnect();
        admin.disconnect();
      }
    },
  };
}
