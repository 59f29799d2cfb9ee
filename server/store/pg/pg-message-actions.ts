import type { WireMessage } from '../../../protocol/messages';
import type { HoppingQuery, MessageActionStore, ReplaceOutcome } from '../store';
import { visibleToViewer } from './pg-conversation-rows';
import type { PgDatabase, Queryable } from './pg-database';

/** Revoked and modified messages (their stored body replaced), messages deleted for one user, and pages that start at a sequence or a time. */
export class PgMessageActions implements MessageActionStore {
  constructor(private readonly db: PgDatabase) {}

  /**
   * A compare-and-set across nodes: the UPDATE's condition on the version is checked again on the
   * newest row after a concurrent replace commits, so of two replaces of one version only one wins.
   */
  async replaceMessage(
    app: number,
    conversationKey: string,
    next: WireMessage,
    expectedVersion: number,
  ): Promise<ReplaceOutcome | null> {
    const replaced = await this.db.query(
      `UPDATE messages SET body = $4 WHERE app = $1 AND conv = $2 AND id = $3
         AND COALESCE((body::jsonb ->> 'version')::bigint, 0) = $5
       RETURNING 1`,
      [app, conversationKey, next.ID, JSON.stringify(next), expectedVersion],
    );
    if (replaced.length > 0) return { replaced: true, message: next };
    const [current] = await this.db.query<{ body: string }>(
      'SELECT body FROM messages WHERE app = $1 AND conv = $2 AND id = $3',
      [app, conversationKey, next.ID],
    );
    return current ? { replaced: false, message: JSON.parse(current.body) as WireMessage } : null;
  }

  /** Hides these messages from `userID` (deleteMessage); IDs that name no message are skipped. */
  async hideMessages(app: number, userID: string, conversationKey: string, IDs: string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO hidden_messages (app, user_id, conv, seq)
       SELECT app, $2, conv, seq FROM messages WHERE app = $1 AND conv = $3 AND id = ANY($4::text[])
       ON CONFLICT DO NOTHING`,
      [app, userID, conversationKey, IDs],
    );
  }

  /** Up to `count` messages the viewer may read, from `sequence` (or the first at or past `time`) older or newer, oldest first. */
  async getMessageListHopping({
    app,
    conversationKey: conv,
    viewer,
    sequence,
    time,
    direction,
    count,
  }: HoppingQuery): Promise<WireMessage[]> {
    const start = sequence ?? (await sequenceAt(this.db.pool, app, conv, time ?? 0, direction));
    if (start === null) return [];
    const rows = await this.db.query<{ body: string }>(
      direction === 1
        ? `SELECT body FROM messages WHERE app = $1 AND conv = $2 AND seq >= $3 AND ${visibleToViewer('$4')}
           ORDER BY seq ASC LIMIT $5`
        : `SELECT body FROM messages WHERE app = $1 AND conv = $2 AND seq <= $3 AND ${visibleToViewer('$4')}
           ORDER BY seq DESC LIMIT $5`,
      [app, conv, start, viewer, count],
    );
    if (direction === 0) rows.reverse();
    return rows.map((row) => JSON.parse(row.body) as WireMessage);
  }
}

/**
 * Where a page at server time `time` starts: older (0) the last sequence sent at or before it,
 * newer (1) the first sent at or after it; null when there is none. Sequences run 1..head with
 * no gaps and their times never go back, so a binary search (here in one recursive query, one
 * index lookup a step) finds the first sequence whose time is past `time` (older) or at or past it (newer).
 */
async function sequenceAt(
  db: Queryable,
  app: number,
  conv: string,
  time: number,
  direction: 0 | 1,
): Promise<number | null> {
  const { rows } = await db.query<{ low: number; head: number }>(
    `WITH RECURSIVE search (low, high, head) AS (
       SELECT 1::bigint, head + 1, head
       FROM (SELECT COALESCE((SELECT last_seq FROM conversation_heads WHERE app = $1 AND conv = $2), 0)::bigint AS head) h
       UNION ALL
       SELECT CASE WHEN later THEN low ELSE middle + 1 END, CASE WHEN later THEN middle ELSE high END, head
       FROM search
       CROSS JOIN LATERAL (SELECT (low + high) / 2 AS middle) m
       CROSS JOIN LATERAL (
         SELECT CASE WHEN $4 = 1 THEN t >= $3 ELSE t > $3 END AS later
         FROM (SELECT COALESCE((SELECT (body::jsonb ->> 'time')::bigint FROM messages
                                WHERE app = $1 AND conv = $2 AND seq = m.middle), 0) AS t) at_middle
       ) step
       WHERE low < high
     )
     SELECT low, head FROM search WHERE low >= high`,
    [app, conv, time, direction],
  );
  const { low, head } = rows[0];
  if (direction === 1) return low <= head ? low : null;
  return low > 1 ? low - 1 : null;
}
