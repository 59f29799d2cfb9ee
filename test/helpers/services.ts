import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The PostgreSQL and Redis the tests use: `TIDINGS_TEST_DATABASE_URL` / `TIDINGS_TEST_REDIS_URL`
 * (set by the test run's setup, which starts them when the machine runs none), else the usual
 * local ports. A test never empties or restarts them: it makes its own database or key prefix.
 */
export function testDatabaseURL(): string {
  return process.env.TIDINGS_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function testRedisURL(): string {
  return process.env.TIDINGS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A name no other test run uses: for a database, a schema or a Redis key prefix. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(6).toString('hex')}`;
}

/** The URL with another database name in its path. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TestDatabase {
  url: string;
  /** Drops the database (ending its connections first). */
  drop(): Promise<void>;
}

/** A new, empty database on the test PostgreSQL, for one test (or one suite). */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = uniqueName('tidings_test');
  const admin = new pg.Client({ connectionString: testDatabaseURL() });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `no PostgreSQL answers at ${testDatabaseURL()}: run the tests with jest, whose setup starts one, or set TIDINGS_TEST_DATABASE_URL`,
      { cause: error },
    );
  }
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(testDatabaseURL(), name),
    drop: async () => {
      const client = new pg.Client({ connectionString: testDatabaseURL() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
