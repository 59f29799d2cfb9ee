import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChatError, ErrorCode } from '../../plugin/errors';
import { conversationIDFor, type HistoryResult, type WireConversation, type WireMessage } from '../../plugin/protocol';
import { conversationKey } from './conversation-key';
import { SCHEMA, SCHEMA_VERSION } from './sqlite-schema';
import type { CommitOutcome, HistoryQuery, SendIntent, Store } from './store';

interface MessageRow {
  sender: string;
  body: string;
}

interface UserConversationRow {
  conversation_id: string;
  type: WireConversation['type'];
  unread: number;
  body: string | null;
}

interface UserConversationTouch {
  app: number;
  userID: string;
  conversationID: string;
  conv: string;
  type: WireConversation['type'];
  lastSeq: number;
  unread: number;
  stamp: number;
}

/** What one transaction changes besides the message rows, merged per conversation and per user. */
class BatchWrites {
  readonly lastSeqs = new Map<string, { app: number; conv: string; lastSeq: number }>();
  readonly userConversations = new Map<string, UserConversationTouch>();

  touch(row: UserConversationTouch): void {
    const key = `${row.app}\u0000${row.userID}\u0000${row.conversationID}`;
    const earlier = this.userConversations.get(key);
    this.userConversations.set(key, earlier ? { ...row, unread: earlier.unread + row.unread } : row);
  }
}

/** The embedded store: one SQLite file in WAL mode, every commit fsynced before it is acknowledged. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;
  private lastActivityStamp: number;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'tidings.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // better-sqlite3 builds SQLite with WAL at synchronous=NORMAL, which skips the fsync per commit.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    this.statements = {
      messageByID: this.db.prepare<[number, string, string], MessageRow>('SELECT sender, body FROM messages WHERE app = ? AND conv = ? AND id = ?'),
      messageSeqByID: this.db.prepare<[number, string, string], { seq: number }>('SELECT seq FROM messages WHERE app = ? AND conv = ? AND id = ?'),
      lastSeq: this.db.prepare<[number, string], { last_seq: number }>('SELECT last_seq FROM conversation_heads WHERE app = ? AND conv = ?'),
      saveLastSeq: this.db.prepare(
        `INSERT INTO conversation_heads (app, conv, last_seq) VALUES (?, ?, ?)
         ON CONFLICT (app, conv) DO UPDATE SET last_seq = excluded.last_seq`,
      ),
      insertMessage: this.db.prepare('INSERT INTO messages (app, conv, seq, id, sender, body) VALUES (?, ?, ?, ?, ?, ?)'),
      touchUserConversation: this.db.prepare(
        `INSERT INTO user_conversations (app, user_id, conversation_id, conv, type, last_seq, unread, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (app, user_id, conversation_id)
         DO UPDATE SET last_seq = excluded.last_seq, unread = unread + excluded.unread, updated_at = excluded.updated_at`,
      ),
      history: this.db.prepare<[number, string, number, number], { body: string }>(
        'SELECT body FROM messages WHERE app = ? AND conv = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      conversationList: this.db.prepare<[number, string], UserConversationRow>(
        `SELECT uc.conversation_id, uc.type, uc.unread, m.body FROM user_conversations uc
         LEFT JOIN messages m ON m.app = uc.app AND m.conv = uc.conv AND m.seq = uc.last_seq
         WHERE uc.app = ? AND uc.user_id = ? ORDER BY uc.updated_at DESC`,
      ),
      markRead: this.db.prepare('UPDATE user_conversations SET unread = 0 WHERE app = ? AND user_id = ? AND conversation_id = ?'),
    };
    const newest = this.db.prepare<[], { stamp: number | null }>('SELECT MAX(updated_at) AS stamp FROM user_conversations').get();
    this.lastActivityStamp = newest?.stamp ?? 0;
  }

  /** Wall-clock milliseconds, nudged forward so that no two messages share a stamp even within one millisecond. */
  private nextActivityStamp(): number {
    this.lastActivityStamp = Math.max(Date.now(), this.lastActivityStamp + 1);
    return this.lastActivityStamp;
  }

  async commitMessages(intents: SendIntent[]): Promise<CommitOutcome[]> {
    return this.db.transaction(() => {
      const batch = new BatchWrites();
      const outcomes = intents.map((intent) => this.commitOne(intent, batch));
      this.flushBatch(batch);
      return outcomes;
    })();
  }

  private commitOne({ app, sender, draft }: SendIntent, batch: BatchWrites): CommitOutcome {
    const conv = conversationKey(sender, draft);
    const existing = this.statements.messageByID.get(app, conv, draft.ID);
    if (existing) {
      if (existing.sender !== sender) {
        return { ok: false, error: new ChatError(ErrorCode.MESSAGE_ID_CONFLICT, `Message ID ${draft.ID} is already taken in this conversation; create a new message.`) };
      }
      return { ok: true, message: JSON.parse(existing.body) as WireMessage, duplicate: true };
    }
    const headKey = `${app}\u0000${conv}`;
    const sequence = (batch.lastSeqs.get(headKey)?.lastSeq ?? this.statements.lastSeq.get(app, conv)?.last_seq ?? 0) + 1;
    batch.lastSeqs.set(headKey, { app, conv, lastSeq: sequence });
    const message: WireMessage = { ...draft, from: sender, time: Math.floor(Date.now() / 1000), sequence };
    this.statements.insertMessage.run(app, conv, sequence, draft.ID, sender, JSON.stringify(message));
    const stamp = this.nextActivityStamp();
    batch.touch({ app, userID: sender, conversationID: conversationIDFor(message, sender), conv, type: draft.conversationType, lastSeq: sequence, unread: 0, stamp });
    const isSelfChat = draft.conversationType === 'C2C' && draft.to === sender;
    if (!isSelfChat) {
      batch.touch({ app, userID: draft.to, conversationID: conversationIDFor(message, draft.to), conv, type: draft.conversationType, lastSeq: sequence, unread: 1, stamp });
    }
    return { ok: true, message, duplicate: false };
  }

  /** Conversation heads and per-user rows are written once per batch, however many messages touched them. */
  private flushBatch(batch: BatchWrites): void {
    for (const head of batch.lastSeqs.values()) this.statements.saveLastSeq.run(head.app, head.conv, head.lastSeq);
    for (const row of batch.userConversations.values()) {
      this.statements.touchUserConversation.run(row.app, row.userID, row.conversationID, row.conv, row.type, row.lastSeq, row.unread, row.stamp);
    }
  }

  async getMessageList(query: HistoryQuery): Promise<HistoryResult> {
    const { app, conv } = query;
    let beforeSeq = Number.MAX_SAFE_INTEGER;
    if (query.nextReqMessageID) {
      const row = this.statements.messageSeqByID.get(app, conv, query.nextReqMessageID);
      if (!row) throw new ChatError(ErrorCode.INVALID_PARAMETER, `nextReqMessageID ${query.nextReqMessageID} is not a message of ${query.conversationID}.`);
      beforeSeq = row.seq;
    }
    const rows = this.statements.history.all(app, conv, beforeSeq, query.count + 1);
    const isCompleted = rows.length <= query.count;
    const messageList = rows.slice(0, query.count).map((row) => JSON.parse(row.body) as WireMessage).reverse();
    return { messageList, nextReqMessageID: messageList[0]?.ID ?? '', isCompleted };
  }

  async getConversationList(app: number, userID: string): Promise<WireConversation[]> {
    return this.statements.conversationList.all(app, userID).map((row) => ({
      conversationID: row.conversation_id,
      type: row.type,
      unreadCount: row.unread,
      lastMessage: row.body ? (JSON.parse(row.body) as WireMessage) : null,
    }));
  }

  async setMessageRead(app: number, userID: string, conversationID: string): Promise<void> {
    this.statements.markRead.run(app, userID, conversationID);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
