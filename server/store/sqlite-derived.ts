import type Database from 'better-sqlite3';
import type { WireConversation } from '../../protocol/operations';

/** One user's conversation row as a send leaves it: upserted into user_conversations. */
export interface UserConversationTouch {
  app: number;
  userID: string;
  conversationID: string;
  conversationKey: string;
  type: WireConversation['type'];
  /** 0 when the message is excluded from lastMessage: the row keeps its last message. */
  lastSeq: number;
  unread: number;
  stamp: number;
}

export interface ConversationHead {
  app: number;
  conversationKey: string;
  lastSeq: number;
}

/** Row of pending_conversation_writes, positional to keep the log small: one per send transaction. */
type LoggedTouch = [number, string, string, string, WireConversation['type'], number, number, number];
type LoggedHead = [number, string, number];
interface LoggedWrites {
  touches: LoggedTouch[];
  heads: LoggedHead[];
}

const PENDING_TABLE = `
CREATE TABLE IF NOT EXISTS pending_conversation_writes (
  id INTEGER PRIMARY KEY,
  -- JSON: the conversation heads and per-user rows one send transaction changed (LoggedWrites)
  writes TEXT NOT NULL
);`;

/** Flushed at the latest this long after the first write waiting, or once this many rows wait. */
const FLUSH_AFTER_MS = 1000;
const FLUSH_AT_ROWS = 20_000;

const keyOfTouch = (row: UserConversationTouch) => `${row.app}\u0000${row.userID}\u0000${row.conversationID}`;
const keyOfHead = (app: number, conversationKey: string) => `${app}\u0000${conversationKey}`;

/** Merges the rows several sends leave for one user's conversation into what writing them in order would leave. */
export function mergeTouches(into: Map<string, UserConversationTouch>, row: UserConversationTouch): void {
  const key = keyOfTouch(row);
  const earlier = into.get(key);
  if (!earlier) return void into.set(key, row);
  const newer = row.lastSeq >= earlier.lastSeq ? row : earlier;
  into.set(key, { ...newer, unread: earlier.unread + row.unread });
}

/**
 * The conversation heads (conversation_heads) and per-user conversation rows (user_conversations)
 * are derived from the messages: a send transaction appends what it changes to one log row
 * (pending_conversation_writes, the end of one B-tree) instead of rewriting a random page of
 * each table per message. The changes wait here, merged, and are written to their tables in one
 * transaction at most a second later, or before anything else reads or writes the store
 * (SqliteStore runs `flush` first). That transaction also empties the log, so each change lands
 * exactly once. After a crash, `recover` at open applies whatever the log still holds.
 */
export class DerivedConversationWrites {
  private readonly touches = new Map<string, UserConversationTouch>();
  private readonly heads = new Map<string, ConversationHead>();
  private firstWaitingAt = 0;
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(PENDING_TABLE);
    this.statements = {
      storedHead: db.prepare<[number, string], { last_seq: number }>(
        'SELECT last_seq FROM conversation_heads WHERE app = ? AND conv = ?',
      ),
      saveHead: db.prepare(
        `INSERT INTO conversation_heads (app, conv, last_seq) VALUES (?, ?, ?)
         ON CONFLICT (app, conv) DO UPDATE SET last_seq = MAX(last_seq, excluded.last_seq)`,
      ),
      touch: db.prepare(
        `INSERT INTO user_conversations (app, user_id, conversation_id, conv, type, last_seq, unread, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (app, user_id, conversation_id)
         DO UPDATE SET unread = unread + excluded.unread,
           updated_at = CASE WHEN excluded.last_seq > last_seq THEN excluded.updated_at ELSE updated_at END,
           last_seq = MAX(last_seq, excluded.last_seq)`,
      ),
      log: db.prepare<[string]>('INSERT INTO pending_conversation_writes (writes) VALUES (?)'),
      logged: db.prepare<[], { writes: string }>('SELECT writes FROM pending_conversation_writes ORDER BY id'),
      clearLog: db.prepare('DELETE FROM pending_conversation_writes'),
    };
  }

  /** The conversation's last sequence, counting sends not yet written to conversation_heads. */
  lastSeq(app: number, conversationKey: string): number {
    return (
      this.heads.get(keyOfHead(app, conversationKey))?.lastSeq ??
      this.statements.storedHead.get(app, conversationKey)?.last_seq ??
      0
    );
  }

  /** Inside the send transaction: logs its changes, so they survive a crash once it commits. */
  log(touches: Iterable<UserConversationTouch>, heads: Iterable<ConversationHead>): void {
    const writes: LoggedWrites = {
      touches: [...touches].map((t) => [
        t.app,
        t.userID,
        t.conversationID,
        t.conversationKey,
        t.type,
        t.lastSeq,
        t.unread,
        t.stamp,
      ]),
      heads: [...heads].map((h) => [h.app, h.conversationKey, h.lastSeq]),
    };
    this.statements.log.run(JSON.stringify(writes));
  }

  /** After the send transaction committed: its changes wait here until the next flush. */
  hold(touches: Iterable<UserConversationTouch>, heads: Iterable<ConversationHead>): void {
    if (this.touches.size === 0 && this.heads.size === 0) this.firstWaitingAt = Date.now();
    for (const touch of touches) mergeTouches(this.touches, touch);
    for (const head of heads) {
      const key = keyOfHead(head.app, head.conversationKey);
      if ((this.heads.get(key)?.lastSeq ?? 0) < head.lastSeq) this.heads.set(key, head);
    }
  }

  get waiting(): boolean {
    return this.touches.size > 0 || this.heads.size > 0;
  }

  /** True once the waiting changes are old or many enough to be written. */
  due(now = Date.now()): boolean {
    return this.waiting && (now - this.firstWaitingAt >= FLUSH_AFTER_MS || this.touches.size >= FLUSH_AT_ROWS);
  }

  /**
   * Writes the waiting changes to their tables and empties the log, in one transaction. It is not
   * fsynced on its own (synchronous=NORMAL): until the next fsync a crash can only undo it as a
   * whole, and the log it emptied then comes back with it.
   */
  flush(): void {
    if (!this.waiting) return;
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(() => {
        // In key order, so the B-trees are walked once from left to right.
        const inOrder = <T>(map: Map<string, T>) =>
          [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
        this.write(inOrder(this.touches), inOrder(this.heads));
        this.statements.clearLog.run();
      })();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
    this.touches.clear();
    this.heads.clear();
  }

  /** At open, before anything reads the tables: applies what the last run logged but had not flushed. */
  recover(): number {
    let applied = 0;
    this.db.transaction(() => {
      for (const row of this.statements.logged.all()) {
        const writes = JSON.parse(row.writes) as LoggedWrites;
        this.write(
          writes.touches.map(([app, userID, conversationID, conversationKey, type, lastSeq, unread, stamp]) => ({
            app,
            userID,
            conversationID,
            conversationKey,
            type,
            lastSeq,
            unread,
            stamp,
          })),
          writes.heads.map(([app, conversationKey, lastSeq]) => ({ app, conversationKey, lastSeq })),
        );
        applied++;
      }
      this.statements.clearLog.run();
    })();
    return applied;
  }

  private write(touches: Iterable<UserConversationTouch>, heads: Iterable<ConversationHead>): void {
    for (const head of heads) this.statements.saveHead.run(head.app, head.conversationKey, head.lastSeq);
    for (const row of touches)
      this.statements.touch.run(
        row.app,
        row.userID,
        row.conversationID,
        row.conversationKey,
        row.type,
        row.lastSeq,
        row.unread,
        row.stamp,
      );
  }
}
