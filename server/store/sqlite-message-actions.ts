import type Database from 'better-sqlite3';
import type { WireMessage } from '../../protocol/messages';
import type { HoppingQuery, ReplaceOutcome } from './store';

/** Messages a user deleted for themself (deleteMessage): kept for everyone else, hidden from this user's history. */
export const MESSAGE_ACTIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS hidden_messages (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  conv TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (app, user_id, conv, seq)
) WITHOUT ROWID;`;

/** What a viewer may read of a conversation: its audience includes them and they have not deleted it. */
export const VISIBLE_TO_VIEWER = `(messages.audience IS NULL OR EXISTS (SELECT 1 FROM json_each(messages.audience) WHERE json_each.value = @viewer))
  AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.app = messages.app AND h.user_id = @viewer AND h.conv = messages.conv AND h.seq = messages.seq)`;

type Bounds = { app: number; conv: string; viewer: string; seq: number; count: number };

/** Revoked and modified messages (their stored body replaced), messages deleted for one user, and pages that start at a sequence or a time. */
export class SqliteMessageActions {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(MESSAGE_ACTIONS_SCHEMA);
    this.statements = {
      body: db.prepare<[number, string, string], { body: string }>(
        'SELECT body FROM messages WHERE app = ? AND conv = ? AND id = ?',
      ),
      replaceBody: db.prepare('UPDATE messages SET body = ? WHERE app = ? AND conv = ? AND id = ?'),
      hide: db.prepare(
        `INSERT OR IGNORE INTO hidden_messages (app, user_id, conv, seq)
         SELECT app, ?, conv, seq FROM messages WHERE app = ? AND conv = ? AND id = ?`,
      ),
      timeAt: db.prepare<[number, string, number], { time: number }>(
        "SELECT json_extract(body, '$.time') AS time FROM messages WHERE app = ? AND conv = ? AND seq = ?",
      ),
      head: db.prepare<[number, string], { last_seq: number }>(
        'SELECT last_seq FROM conversation_heads WHERE app = ? AND conv = ?',
      ),
      olderFrom: db.prepare<Bounds, { body: string }>(
        `SELECT body FROM messages WHERE app = @app AND conv = @conv AND seq <= @seq AND ${VISIBLE_TO_VIEWER}
         ORDER BY seq DESC LIMIT @count`,
      ),
      newerFrom: db.prepare<Bounds, { body: string }>(
        `SELECT body FROM messages WHERE app = @app AND conv = @conv AND seq >= @seq AND ${VISIBLE_TO_VIEWER}
         ORDER BY seq ASC LIMIT @count`,
      ),
    };
  }

  /** Replaces the stored message with `next` if its version is still `expectedVersion`; otherwise answers the current one. */
  replace(app: number, conv: string, next: WireMessage, expectedVersion: number): ReplaceOutcome | null {
    return this.db.transaction((): ReplaceOutcome | null => {
      const row = this.statements.body.get(app, conv, next.ID);
      if (!row) return null;
      const current = JSON.parse(row.body) as WireMessage;
      if ((current.version ?? 0) !== expectedVersion) return { replaced: false, message: current };
      this.statements.replaceBody.run(JSON.stringify(next), app, conv, next.ID);
      return { replaced: true, message: next };
    })();
  }

  /** Hides these messages from `userID` (deleteMessage); IDs that name no message are skipped. */
  hide(app: number, userID: string, conv: string, IDs: string[]): void {
    this.db.transaction(() => {
      for (const ID of IDs) this.statements.hide.run(userID, app, conv, ID);
    })();
  }

  /** Up to `count` messages the viewer may read, from `sequence` (or the first at or past `time`) older or newer, oldest first. */
  hopping({ app, conversationKey: conv, viewer, sequence, time, direction, count }: HoppingQuery): WireMessage[] {
    const start = sequence ?? this.sequenceAt(app, conv, time ?? 0, direction);
    if (start === null) return [];
    const bounds = { app, conv, viewer, seq: start, count };
    const rows =
      direction === 1 ? this.statements.newerFrom.all(bounds) : this.statements.olderFrom.all(bounds).reverse();
    return rows.map((row) => JSON.parse(row.body) as WireMessage);
  }

  /**
   * Where a page at server time `time` starts: older (0) the last sequence sent at or before it,
   * newer (1) the first sent at or after it; null when there is none. Sequences run 1..head with
   * no gaps and their times never go back, so a binary search finds it in a few index lookups.
   */
  private sequenceAt(app: number, conv: string, time: number, direction: 0 | 1): number | null {
    const head = this.statements.head.get(app, conv)?.last_seq ?? 0;
    const timeOf = (seq: number) => this.statements.timeAt.get(app, conv, seq)?.time ?? 0;
    // The first sequence whose time is past `time` (older) or at or past it (newer).
    let low = 1;
    let high = head + 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const t = timeOf(middle);
      if (direction === 1 ? t >= time : t > time) high = middle;
      else low = middle + 1;
    }
    if (direction === 1) return low <= head ? low : null;
    return low > 1 ? low - 1 : null;
  }
}
