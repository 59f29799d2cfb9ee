import pg from 'pg';

/** A pool or one of its clients inside a transaction: what the store's statements run on. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

/** PostgreSQL's codes for a transaction that lost a race and may simply run again. */
const RETRYABLE_CODES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

export interface PgDatabaseOptions {
  connectionString: string;
  /** Connections the pool may open. Default 10. */
  maxConnections?: number;
}

/**
 * The connection pool the PostgreSQL store runs on. `BIGINT` columns (times in ms, sequences)
 * come back as JS numbers: every value the store keeps fits in 2^53.
 */
export class PgDatabase {
  readonly pool: pg.Pool;

  constructor(options: PgDatabaseOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 10,
      // A database that is down fails requests quickly (answered as retryable) instead of holding them.
      connectionTimeoutMillis: 5000,
      types: { getTypeParser: bigintAsNumber },
    });
    // An idle client whose server went away emits here; without a listener the process would exit.
    this.pool.on('error', () => undefined);
  }

  async query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]> {
    return (await this.pool.query<Row>(text, values)).rows;
  }

  /**
   * Runs `work` in one transaction on one client, committed when it resolves, rolled back when it
   * throws. A serialization failure or deadlock runs it again from the start (a few times).
   */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (attempt >= MAX_ATTEMPTS || !RETRYABLE_CODES.has((error as { code?: string }).code ?? '')) throw error;
      } finally {
        client.release();
      }
    }
  }

  /** Whether the database answers now. */
  async ping(): Promise<boolean> {
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

const INT8_OID = 20;

function bigintAsNumber(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID) return Number;
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}
