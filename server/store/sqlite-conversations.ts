import type Database from 'better-sqlite3';
import { TYPES, type MessageRemindType, type ReadAllScope } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import type { WireMessage } from '../../protocol/messages';
import type { WireConversation, WireGroupAtInfo } from '../../protocol/operations';
import type { PushTarget } from './conversation-store';
import type { SqliteConversationGroups } from './sqlite-conversation-groups';

/** Each user's settings of a conversation; a row exists once the user changed one. Run at store open. */
export const CONVERSATION_SETTINGS_SCHEMA = `
CREATE TABLE IF NOT EXISTS conversation_settings (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  pinned INTEGER NOT NULL DEFAULT 0,
  remind_type TEXT NOT NULL DEFAULT 'AcceptAndNotify',
  -- TYPES.CONV_MARK_TYPE_* bits
  marks INTEGER NOT NULL DEFAULT 0,
  draft TEXT NOT NULL DEFAULT '',
  custom_data TEXT NOT NULL DEFAULT '',
  -- deleteConversation: user_conversations.updated_at when deleted; the conversation is hidden until a newer
  -- message moves updated_at past it (-1: shown). The commit path never needs to know.
  hidden_at INTEGER NOT NULL DEFAULT -1,
  -- clearHistoryMessage: this user no longer sees the conversation's messages up to this sequence
  cleared_seq INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (app, user_id, conversation_id)
) WITHOUT ROWID;`;

/** One row of a user's conversation list, with the settings. */
export interface ConversationListRow {
  conversation_id: string;
  type: WireConversation['type'];
  unread: number;
  body: string | null;
  head_seq: number | null;
  pinned: number;
  remind_type: MessageRemindType | null;
  marks: number;
  draft: string;
  custom_data: string;
  conv: string;
  last_seq: number;
  /** 1 when this user deleted the last message for themself (deleteMessage). */
  last_hidden: number;
  /** The conversation groups it is in. */
  groups: string[];
}

/**
 * A row of a user's conversation list as the SDK gets it (both stores read the same columns).
 * `lastMessageBody`: the JSON of the newest message the user may still see; `atInfo`: a group's @ marks.
 */
export function wireConversation(
  row: ConversationListRow,
  lastMessageBody: string | null,
  atInfo: WireGroupAtInfo[] | undefined,
): WireConversation {
  const conversation: WireConversation = {
    conversationID: row.conversation_id,
    type: row.type,
    unreadCount: row.unread,
    lastMessage: lastMessageBody ? (JSON.parse(lastMessageBody) as WireMessage) : null,
    lastSequence: row.head_seq ?? 0,
    isPinned: row.pinned === 1,
    messageRemindType: row.remind_type ?? TYPES.MSG_REMIND_ACPT_AND_NOTE,
    markList: [1, 2, 4, 8].filter((bit) => (row.marks & bit) !== 0),
    draftText: row.draft,
    customData: row.custom_data,
    conversationGroupList: row.groups,
  };
  if (row.type === 'GROUP') conversation.groupAtInfoList = atInfo ?? [];
  return conversation;
}

const VISIBLE = '(s.hidden_at IS NULL OR uc.updated_at > s.hidden_at)';

/** deleteConversation, clearHistoryMessage, pin, marks, drafts, do-not-disturb, read-all in the SQLite store. */
export class SqliteConversations {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly groups: SqliteConversationGroups,
  ) {
    db.exec(CONVERSATION_SETTINGS_SCHEMA);
    const upsert = (column: string, value: string) =>
      db.prepare(
        `INSERT INTO conversation_settings (app, user_id, conversation_id, ${column}) VALUES (?, ?, ?, ${value})
         ON CONFLICT (app, user_id, conversation_id) DO UPDATE SET ${column} = excluded.${column}`,
      );
    this.statements = {
      list: db.prepare<[number, string], Omit<ConversationListRow, 'groups'>>(
        `SELECT uc.conversation_id, uc.type, uc.unread, h.last_seq AS head_seq,
           CASE WHEN uc.last_seq > COALESCE(s.cleared_seq, 0) THEN m.body END AS body,
           COALESCE(s.pinned, 0) AS pinned, s.remind_type, COALESCE(s.marks, 0) AS marks, COALESCE(s.draft, '') AS draft,
           COALESCE(s.custom_data, '') AS custom_data, uc.conv, uc.last_seq,
           EXISTS (SELECT 1 FROM hidden_messages hm WHERE hm.app = uc.app AND hm.user_id = uc.user_id AND hm.conv = uc.conv AND hm.seq = uc.last_seq) AS last_hidden
         FROM user_conversations uc
         LEFT JOIN conversation_settings s ON s.app = uc.app AND s.user_id = uc.user_id AND s.conversation_id = uc.conversation_id
         LEFT JOIN messages m ON m.app = uc.app AND m.conv = uc.conv AND m.seq = uc.last_seq
         LEFT JOIN conversation_heads h ON h.app = uc.app AND h.conv = uc.conv
         WHERE uc.app = ? AND uc.user_id = ? AND ${VISIBLE}
         ORDER BY COALESCE(s.pinned, 0) DESC, uc.updated_at DESC`,
      ),
      listed: db.prepare<[number, string, string], { updated_at: number; head_seq: number | null; type: string }>(
        `SELECT uc.updated_at, h.last_seq AS head_seq, uc.type FROM user_conversations uc
         LEFT JOIN conversation_settings s ON s.app = uc.app AND s.user_id = uc.user_id AND s.conversation_id = uc.conversation_id
         LEFT JOIN conversation_heads h ON h.app = uc.app AND h.conv = uc.conv
         WHERE uc.app = ? AND uc.user_id = ? AND uc.conversation_id = ? AND ${VISIBLE}`,
      ),
      clearedSeq: db.prepare<[number, string, string], { cleared_seq: number }>(
        'SELECT cleared_seq FROM conversation_settings WHERE app = ? AND user_id = ? AND conversation_id = ?',
      ),
      remindType: db.prepare<[number, string, string], { remind_type: string }>(
        'SELECT remind_type FROM conversation_settings WHERE app = ? AND user_id = ? AND conversation_id = ?',
      ),
      hide: db.prepare(
        `INSERT INTO conversation_settings (app, user_id, conversation_id, hidden_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (app, user_id, conversation_id) DO UPDATE SET hidden_at = excluded.hidden_at, pinned = 0, marks = 0, draft = '', custom_data = ''`,
      ),
      clear: upsert('cleared_seq', '?'),
      pin: upsert('pinned', '?'),
      draft: upsert('draft', '?'),
      customData: upsert('custom_data', '?'),
      remind: upsert('remind_type', '?'),
      mark: db.prepare(
        `INSERT INTO conversation_settings (app, user_id, conversation_id, marks) VALUES (?, ?, ?, ?)
         ON CONFLICT (app, user_id, conversation_id) DO UPDATE SET marks = CASE WHEN ? THEN marks | ? ELSE marks & ~? END`,
      ),
      markRead: db.prepare(
        `UPDATE user_conversations SET unread = 0,
           read_seq = COALESCE((SELECT h.last_seq FROM conversation_heads h WHERE h.app = user_conversations.app AND h.conv = user_conversations.conv), read_seq)
         WHERE app = ? AND user_id = ? AND conversation_id = ?`,
      ),
      readSeq: db.prepare<[number, string, string], { read_seq: number }>(
        'SELECT read_seq FROM user_conversations WHERE app = ? AND user_id = ? AND conversation_id = ?',
      ),
      clearAt: db.prepare('DELETE FROM group_at WHERE app = ? AND user_id = ? AND conversation_id = ?'),
    };
  }

  /** The user's visible conversations, pinned first, then by latest activity. */
  list(app: number, userID: string): ConversationListRow[] {
    const groups = this.groups.membershipsOf(app, userID);
    return this.statements.list
      .all(app, userID)
      .map((row) => ({ ...row, groups: groups.get(row.conversation_id) ?? [] }));
  }

  /** The sequence up to which `userID` cleared the conversation's history (0: none). */
  clearedSequence(app: number, userID: string, conversationID: string): number {
    return this.statements.clearedSeq.get(app, userID, conversationID)?.cleared_seq ?? 0;
  }

  deleteConversations(app: number, userID: string, conversationIDs: string[], clearHistory: boolean): void {
    this.db.transaction(() => {
      const rows = this.requireListed(app, userID, conversationIDs);
      conversationIDs.forEach((conversationID, i) => {
        this.statements.hide.run(app, userID, conversationID, rows[i].updated_at);
        this.groups.leaveAll(app, userID, conversationID);
        if (clearHistory) this.statements.clear.run(app, userID, conversationID, rows[i].head_seq ?? 0);
        this.markRead(app, userID, conversationID);
      });
    })();
  }

  clearHistory(app: number, userID: string, conversationID: string): void {
    this.db.transaction(() => {
      const [row] = this.requireListed(app, userID, [conversationID]);
      this.statements.clear.run(app, userID, conversationID, row.head_seq ?? 0);
      this.markRead(app, userID, conversationID);
    })();
  }

  setPinned(app: number, userID: string, conversationID: string, pinned: boolean): void {
    this.db.transaction(() => {
      this.requireListed(app, userID, [conversationID]);
      this.statements.pin.run(app, userID, conversationID, pinned ? 1 : 0);
    })();
  }

  setMark(app: number, userID: string, conversationIDs: string[], markType: number, enable: boolean): void {
    this.db.transaction(() => {
      this.requireListed(app, userID, conversationIDs);
      for (const conversationID of conversationIDs)
        this.statements.mark.run(
          app,
          userID,
          conversationID,
          enable ? markType : 0,
          enable ? 1 : 0,
          markType,
          markType,
        );
    })();
  }

  setDraft(app: number, userID: string, conversationID: string, draftText: string): void {
    this.db.transaction(() => {
      this.requireListed(app, userID, [conversationID]);
      this.statements.draft.run(app, userID, conversationID, draftText);
    })();
  }

  setCustomData(app: number, userID: string, conversationIDs: string[], customData: string): void {
    this.db.transaction(() => {
      this.requireListed(app, userID, conversationIDs);
      for (const conversationID of conversationIDs)
        this.statements.customData.run(app, userID, conversationID, customData);
    })();
  }

  setRemindType(app: number, userID: string, conversationIDs: string[], remindType: MessageRemindType): void {
    this.db.transaction(() => {
      for (const conversationID of conversationIDs) this.statements.remind.run(app, userID, conversationID, remindType);
    })();
  }

  readAll(app: number, userID: string, scope: ReadAllScope): Array<{ conversationID: string; readSequence: number }> {
    const inScope = (row: ConversationListRow) =>
      scope === TYPES.READ_ALL_MSG || (scope === TYPES.READ_ALL_C2C_MSG) === (row.type === TYPES.CONV_C2C);
    return this.db.transaction(() =>
      this.list(app, userID)
        .filter(inScope)
        .map((row) => ({
          conversationID: row.conversation_id,
          hadUnread: row.unread > 0,
          readSequence: this.markRead(app, userID, row.conversation_id),
        }))
        .filter((read) => read.hadUnread)
        .map(({ conversationID, readSequence }) => ({ conversationID, readSequence })),
    )();
  }

  mutedAmong(app: number, targets: PushTarget[]): string[] {
    return targets
      .filter(({ userID, conversationID }) => {
        const remind = this.statements.remindType.get(app, userID, conversationID)?.remind_type;
        return remind !== undefined && remind !== TYPES.MSG_REMIND_ACPT_AND_NOTE;
      })
      .map((target) => target.userID);
  }

  private markRead(app: number, userID: string, conversationID: string): number {
    this.statements.markRead.run(app, userID, conversationID);
    this.statements.clearAt.run(app, userID, conversationID);
    return this.statements.readSeq.get(app, userID, conversationID)?.read_seq ?? 0;
  }

  /** The list rows of these conversations; 2500 naming the first that is not in the user's list. */
  private requireListed(app: number, userID: string, conversationIDs: string[]) {
    return conversationIDs.map((conversationID) => {
      const row = this.statements.listed.get(app, userID, conversationID);
      if (!row)
        throw new ChatError(
          ErrorCode.CONVERSATION_NOT_FOUND,
          `${conversationID} is not in your conversation list (it has no messages yet, or was deleted).`,
        );
      return row;
    });
  }
}
