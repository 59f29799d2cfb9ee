import type { WireExtension } from '../../../protocol/operations';
import type { ReceiptStore } from '../store';
import type { PgDatabase, Queryable } from './pg-database';

/** Read receipts and message extensions on PostgreSQL (as sqlite-social.ts). */
export class PgReceipts implements ReceiptStore {
  constructor(private readonly db: PgDatabase) {}

  async addReadReceipts(app: number, conversationKey: string, IDs: string[], userID: string): Promise<string[]> {
    const unique = [...new Set(IDs)];
    const rows = await this.db.query<{ msg_id: string }>(
      `INSERT INTO read_receipts (app, conv, msg_id, user_id) SELECT $1, $2, unnest($3::text[]), $4
       ON CONFLICT DO NOTHING RETURNING msg_id`,
      [app, conversationKey, unique, userID],
    );
    const added = new Set(rows.map((row) => row.msg_id));
    return unique.filter((ID) => added.has(ID));
  }

  async countReadReceipts(app: number, conversationKey: string, IDs: string[]): Promise<number[]> {
    const rows = await this.db.query<{ msg_id: string; n: number }>(
      `SELECT msg_id, COUNT(*)::int AS n FROM read_receipts WHERE app = $1 AND conv = $2 AND msg_id = ANY($3)
       GROUP BY msg_id`,
      [app, conversationKey, IDs],
    );
    const counts = new Map(rows.map((row) => [row.msg_id, row.n]));
    return IDs.map((ID) => counts.get(ID) ?? 0);
  }

  setExtensions(app: number, conversationKey: string, ID: string, extensions: WireExtension[]) {
    return this.db.transaction(async (client) => {
      // One statement may not set a key twice; the last value of a key wins, as writing them in order would leave.
      const latest = new Map(extensions.map(({ key, value }) => [key, value]));
      await client.query(
        `INSERT INTO message_extensions (app, conv, msg_id, key, value)
         SELECT $1, $2, $3, k, v FROM unnest($4::text[], $5::text[]) AS e(k, v)
         ON CONFLICT (app, conv, msg_id, key) DO UPDATE SET value = excluded.value`,
        [app, conversationKey, ID, [...latest.keys()], [...latest.values()]],
      );
      return extensionsOf(client, app, conversationKey, ID);
    });
  }

  getExtensions(app: number, conversationKey: string, ID: string): Promise<WireExtension[]> {
    return extensionsOf(this.db.pool, app, conversationKey, ID);
  }

  async deleteExtensions(app: number, conversationKey: string, ID: string, keys: string[] | null): Promise<string[]> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ key: string }>(
        `DELETE FROM message_extensions WHERE app = $1 AND conv = $2 AND msg_id = $3 AND ($4::text[] IS NULL OR key = ANY($4))
         RETURNING key`,
        [app, conversationKey, ID, keys],
      );
      const deleted = new Set(rows.map((row) => row.key));
      // Answered in the order asked (all of them: key order), each key once.
      const order = keys ?? [...deleted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      return order.filter((key) => deleted.delete(key));
    });
  }
}

async function extensionsOf(q: Queryable, app: number, conversationKey: string, ID: string): Promise<WireExtension[]> {
  const { rows } = await q.query<WireExtension>(
    'SELECT key, value FROM message_extensions WHERE app = $1 AND conv = $2 AND msg_id = $3 ORDER BY key COLLATE "C"',
    [app, conversationKey, ID],
  );
  return rows.map(({ key, value }) => ({ key, value }));
}
