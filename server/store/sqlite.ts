import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { parseConversationID } from '../../protocol/conversation-id';
import type { WireMessage } from '../../protocol/messages';
import type {
  HistoryResult,
  WireConversation,
  WireExtension,
  WireFriend,
  WireGroup,
  WireGroupAtInfo,
  WireGroupMember,
} from '../../protocol/operations';
import { SqliteCommit } from './sqlite-commit';
import { SqliteGroups } from './sqlite-groups';
import { SCHEMA, migrate } from './sqlite-schema';
import { SqliteSocial } from './sqlite-social';
import type { CommitOutcome, HistoryQuery, NewGroup, RecipientsOutcome, SendIntent, Store } from './store';

interface UserConversationRow {
  conversation_id: string;
  type: WireConversation['type'];
  unread: number;
  body: string | null;
  head_seq: number | null;
}

/** Methods that run while derived rows still wait in memory: the send path, and what flushes them itself. */
const RUN_WITHOUT_FLUSH = new Set<string | symbol>(['commitMessages', 'recipientsOf', 'flushDerivedIfDue', 'close']);

/** The embedded store: one SQLite file in WAL mode, every commit fsynced before it is acknowledged. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly groups: SqliteGroups;
  private readonly social: SqliteSocial;
  private readonly committer: SqliteCommit;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'tidings.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // better-sqlite3 builds SQLite with WAL at synchronous=NORMAL, which skips the fsync per commit.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    // A bigger page cache keeps the indexes' interior pages and the recent leaves in memory
    // (SQLite's default is 2 MB). Checkpoints stay at SQLite's default (every 1,000 pages of WAL):
    // a longer WAL wrote less in all but made each checkpoint a longer stall of the commit that runs it.
    this.db.pragma('cache_size = -65536');
    this.db.exec(SCHEMA);
    migrate(this.db);
    this.groups = new SqliteGroups(this.db);
    this.social = new SqliteSocial(this.db);
    this.committer = new SqliteCommit(this.db, this.groups, this.social);
    const db = this.db;
    this.statements = {
      message: db.prepare<[number, string, string], { seq: number; body: string; audience: string | null }>(
        'SELECT seq, body, audience FROM messages WHERE app = ? AND conv = ? AND id = ?',
      ),
      history: db.prepare<[number, string, number, string, number], { body: string }>(
        `SELECT body FROM messages WHERE app = ? AND conv = ? AND seq < ?
         AND (audience IS NULL OR EXISTS (SELECT 1 FROM json_each(messages.audience) WHERE json_each.value = ?))
         ORDER BY seq DESC LIMIT ?`,
      ),
      readSeq: db.prepare<[number, string, string], { read_seq: number }>(
        'SELECT read_seq FROM user_conversations WHERE app = ? AND user_id = ? AND conversation_id = ?',
      ),
      conversationList: db.prepare<[number, string], UserConversationRow>(
        `SELECT uc.conversation_id, uc.type, uc.unread, m.body, h.last_seq AS head_seq FROM user_conversations uc
         LEFT JOIN messages m ON m.app = uc.app AND m.conv = uc.conv AND m.seq = uc.last_seq
         LEFT JOIN conversation_heads h ON h.app = uc.app AND h.conv = uc.conv
         WHERE uc.app = ? AND uc.user_id = ? ORDER BY uc.updated_at DESC`,
      ),
      atInfo: db.prepare<
        [number, string],
        { conversation_id: string; seq: number; sender: string; at_type: 1 | 2 | 3 }
      >('SELECT conversation_id, seq, sender, at_type FROM group_at WHERE app = ? AND user_id = ? ORDER BY seq'),
      markRead: db.prepare(
        `UPDATE user_conversations SET unread = 0,
           read_seq = COALESCE((SELECT h.last_seq FROM conversation_heads h WHERE h.app = user_conversations.app AND h.conv = user_conversations.conv), read_seq)
         WHERE app = ? AND user_id = ? AND conversation_id = ?`,
      ),
      clearAt: db.prepare('DELETE FROM group_at WHERE app = ? AND user_id = ? AND conversation_id = ?'),
    };
    // Every other method, including those added later, first writes the conversation rows that sends
    // left waiting (sqlite-derived.ts), so it reads and changes the tables as if they had been written at once.
    const committer = this.committer;
    return new Proxy(this, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || RUN_WITHOUT_FLUSH.has(property)) return value;
        return (...args: unknown[]) => {
          committer.derived.flush();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  /** Writes the conversation rows sends left waiting, if they have waited long enough; the store thread calls it between requests. */
  flushDerivedIfDue(): void {
    if (this.committer.derived.due()) this.committer.derived.flush();
  }

  async commitMessages(intents: SendIntent[]): Promise<CommitOutcome[]> {
    return this.committer.commit(intents);
  }

  async recipientsOf(intent: SendIntent): Promise<RecipientsOutcome> {
    return this.committer.recipientsOf(intent);
  }

  async getMessageList(query: HistoryQuery): Promise<HistoryResult> {
    const { app, conversationKey } = query;
    let beforeSeq = Number.MAX_SAFE_INTEGER;
    if (query.nextReqMessageID) {
      const row = this.statements.message.get(app, conversationKey, query.nextReqMessageID);
      if (!row)
        throw new ChatError(
          ErrorCode.INVALID_PARAMETER,
          `nextReqMessageID ${query.nextReqMessageID} is not a message of ${query.conversationID}.`,
        );
      beforeSeq = row.seq;
    }
    const rows = this.statements.history.all(app, conversationKey, beforeSeq, query.viewer, query.count + 1);
    const isCompleted = rows.length <= query.count;
    const messageList = rows
      .slice(0, query.count)
      .map((row) => JSON.parse(row.body) as WireMessage)
      .reverse();
    const parsed = parseConversationID(query.conversationID);
    if (parsed?.type === 'C2C') {
      const peerReadSeq = this.statements.readSeq.get(app, parsed.target, `C2C${query.viewer}`)?.read_seq ?? 0;
      for (const message of messageList)
        if (message.from === query.viewer && parsed.target !== query.viewer)
          message.isPeerRead = message.sequence <= peerReadSeq;
    }
    return { messageList, nextReqMessageID: messageList[0]?.ID ?? '', isCompleted };
  }

  async getConversationList(app: number, userID: string): Promise<WireConversation[]> {
    const atByConversation = new Map<string, WireGroupAtInfo[]>();
    for (const row of this.statements.atInfo.all(app, userID)) {
      const list = atByConversation.get(row.conversation_id) ?? [];
      list.push({
        from: row.sender,
        groupID: row.conversation_id.slice('GROUP'.length),
        messageSequence: row.seq,
        atType: row.at_type,
      });
      atByConversation.set(row.conversation_id, list);
    }
    return this.statements.conversationList.all(app, userID).map((row) => {
      const conversation: WireConversation = {
        conversationID: row.conversation_id,
        type: row.type,
        unreadCount: row.unread,
        lastMessage: row.body ? (JSON.parse(row.body) as WireMessage) : null,
        lastSequence: row.head_seq ?? 0,
      };
      if (row.type === 'GROUP') conversation.groupAtInfoList = atByConversation.get(row.conversation_id) ?? [];
      return conversation;
    });
  }

  async setMessageRead(app: number, userID: string, conversationID: string): Promise<{ readSequence: number }> {
    return this.db.transaction(() => {
      this.statements.markRead.run(app, userID, conversationID);
      this.statements.clearAt.run(app, userID, conversationID);
      return { readSequence: this.statements.readSeq.get(app, userID, conversationID)?.read_seq ?? 0 };
    })();
  }

  async getMessage(
    app: number,
    conversationKey: string,
    ID: string,
  ): Promise<{ message: WireMessage; visibleTo: string[] | null } | null> {
    const row = this.statements.message.get(app, conversationKey, ID);
    if (!row) return null;
    return {
      message: JSON.parse(row.body) as WireMessage,
      visibleTo: row.audience === null ? null : (JSON.parse(row.audience) as string[]),
    };
  }

  // Groups
  async createGroup(app: number, group: NewGroup, memberIDs: string[]): Promise<void> {
    this.groups.create(app, group, memberIDs);
  }
  async getGroup(app: number, groupID: string, viewer?: string): Promise<WireGroup | null> {
    return this.groups.get(app, groupID, viewer);
  }
  async getGroupMembers(app: number, groupID: string): Promise<WireGroupMember[]> {
    return this.groups.members(app, groupID);
  }
  async getGroupList(app: number, userID: string): Promise<WireGroup[]> {
    return this.groups.listOf(app, userID);
  }
  async addGroupMembers(app: number, groupID: string, userIDs: string[], joinTime: number) {
    return this.groups.add(app, groupID, userIDs, joinTime);
  }
  async removeGroupMembers(app: number, groupID: string, userIDs: string[]): Promise<string[]> {
    return this.groups.remove(app, groupID, userIDs);
  }
  async deleteGroup(app: number, groupID: string): Promise<string[]> {
    return this.groups.delete(app, groupID);
  }

  // Relations
  async addFriend(app: number, userID: string, friendID: string, remark: string, time: number): Promise<void> {
    this.social.addFriend(app, userID, friendID, remark, time);
  }
  async deleteFriends(app: number, userID: string, friendIDs: string[]): Promise<string[]> {
    return this.social.deleteFriends(app, userID, friendIDs);
  }
  async getFriendList(app: number, userID: string): Promise<WireFriend[]> {
    return this.social.friendList(app, userID);
  }
  async addToBlacklist(app: number, userID: string, blockedIDs: string[]): Promise<string[]> {
    return this.social.block(app, userID, blockedIDs);
  }
  async getBlacklist(app: number, userID: string): Promise<string[]> {
    return this.social.blacklist(app, userID);
  }

  // Read receipts and extensions
  async addReadReceipts(app: number, conversationKey: string, IDs: string[], userID: string): Promise<string[]> {
    return this.social.addReceipts(app, conversationKey, IDs, userID);
  }
  async countReadReceipts(app: number, conversationKey: string, IDs: string[]): Promise<number[]> {
    return this.social.countReceipts(app, conversationKey, IDs);
  }
  async setExtensions(
    app: number,
    conversationKey: string,
    ID: string,
    extensions: WireExtension[],
  ): Promise<WireExtension[]> {
    return this.social.setExtensions(app, conversationKey, ID, extensions);
  }
  async getExtensions(app: number, conversationKey: string, ID: string): Promise<WireExtension[]> {
    return this.social.extensions(app, conversationKey, ID);
  }
  async deleteExtensions(app: number, conversationKey: string, ID: string, keys: string[] | null): Promise<string[]> {
    return this.social.deleteExtensions(app, conversationKey, ID, keys);
  }

  async close(): Promise<void> {
    this.committer.derived.flush();
    this.db.close();
  }
}
