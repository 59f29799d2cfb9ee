import { TYPES, type MessageRemindType, type ReadAllScope } from '../../../protocol/constants';
import { ChatError, ErrorCode } from '../../../protocol/errors';
import type { ConversationStore, PushTarget } from '../conversation-store';
import {
  addToGroup,
  createGroup,
  deleteGroup,
  groupNames,
  leaveAllGroups,
  removeFromGroup,
  renameGroup,
} from './pg-conversation-groups';
import { LISTED, listRows, markRead } from './pg-conversation-rows';
import type { PgDatabase, Queryable } from './pg-database';

type SettingsColumn = 'cleared_seq' | 'pinned' | 'draft' | 'custom_data' | 'remind_type';

/** deleteConversation, clearHistoryMessage, pin, marks, drafts, do-not-disturb, read-all and conversation groups (as sqlite-conversations.ts). */
export class PgConversations implements ConversationStore {
  constructor(private readonly db: PgDatabase) {}

  deleteConversations(app: number, userID: string, conversationIDs: string[], clearHistory: boolean): Promise<void> {
    return this.db.transaction(async (client) => {
      const rows = await requireListed(client, app, userID, conversationIDs);
      for (const [i, conversationID] of conversationIDs.entries()) {
        await client.query(
          `INSERT INTO conversation_settings (app, user_id, conversation_id, hidden_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (app, user_id, conversation_id)
           DO UPDATE SET hidden_at = excluded.hidden_at, pinned = 0, marks = 0, draft = '', custom_data = ''`,
          [app, userID, conversationID, rows[i].updated_at],
        );
        await leaveAllGroups(client, app, userID, conversationID);
        if (clearHistory) await setting(client, app, userID, conversationID, 'cleared_seq', rows[i].head_seq ?? 0);
      }
      // All at once: markRead locks the conversations' counter rows in the commit's order.
      await markRead(client, app, userID, conversationIDs);
    });
  }

  clearHistory(app: number, userID: string, conversationID: string): Promise<void> {
    return this.db.transaction(async (client) => {
      const [row] = await requireListed(client, app, userID, [conversationID]);
      await setting(client, app, userID, conversationID, 'cleared_seq', row.head_seq ?? 0);
      await markRead(client, app, userID, [conversationID]);
    });
  }

  setPinned(app: number, userID: string, conversationID: string, pinned: boolean): Promise<void> {
    return this.db.transaction(async (client) => {
      await requireListed(client, app, userID, [conversationID]);
      await setting(client, app, userID, conversationID, 'pinned', pinned ? 1 : 0);
    });
  }

  setMark(app: number, userID: string, conversationIDs: string[], markType: number, enable: boolean): Promise<void> {
    return this.db.transaction(async (client) => {
      await requireListed(client, app, userID, conversationIDs);
      for (const conversationID of conversationIDs)
        await client.query(
          `INSERT INTO conversation_settings AS s (app, user_id, conversation_id, marks) VALUES ($1, $2, $3, $4)
           ON CONFLICT (app, user_id, conversation_id)
           DO UPDATE SET marks = CASE WHEN $5 THEN s.marks | $6 ELSE s.marks & ~$6::int END`,
          [app, userID, conversationID, enable ? markType : 0, enable, markType],
        );
    });
  }

  setDraft(app: number, userID: string, conversationID: string, draftText: string): Promise<void> {
    return this.db.transaction(async (client) => {
      await requireListed(client, app, userID, [conversationID]);
      await setting(client, app, userID, conversationID, 'draft', draftText);
    });
  }

  setCustomData(app: number, userID: string, conversationIDs: string[], customData: string): Promise<void> {
    return this.db.transaction(async (client) => {
      await requireListed(client, app, userID, conversationIDs);
      for (const conversationID of conversationIDs)
        await setting(client, app, userID, conversationID, 'custom_data', customData);
    });
  }

  setRemindType(app: number, userID: string, conversationIDs: string[], remindType: MessageRemindType): Promise<void> {
    return this.db.transaction(async (client) => {
      for (const conversationID of conversationIDs)
        await setting(client, app, userID, conversationID, 'remind_type', remindType);
    });
  }

  readAll(
    app: number,
    userID: string,
    scope: ReadAllScope,
  ): Promise<Array<{ conversationID: string; readSequence: number }>> {
    const inScope = (type: string) =>
      scope === TYPES.READ_ALL_MSG || (scope === TYPES.READ_ALL_C2C_MSG) === (type === TYPES.CONV_C2C);
    return this.db.transaction(async (client) => {
      const rows = (await listRows(client, app, userID)).filter((row) => inScope(row.type));
      const read = await markRead(
        client,
        app,
        userID,
        rows.map((row) => row.conversation_id),
      );
      return rows
        .filter((row) => row.unread > 0)
        .map((row) => ({ conversationID: row.conversation_id, readSequence: read.get(row.conversation_id) ?? 0 }));
    });
  }

  async mutedAmong(app: number, targets: PushTarget[]): Promise<string[]> {
    if (targets.length === 0) return [];
    const rows = await this.db.query<{ user_id: string; conversation_id: string }>(
      `SELECT s.user_id, s.conversation_id FROM conversation_settings s
       JOIN unnest($2::text[], $3::text[]) AS t(user_id, conversation_id)
         ON s.app = $1 AND s.user_id = t.user_id AND s.conversation_id = t.conversation_id
       WHERE s.remind_type <> $4`,
      [app, targets.map((t) => t.userID), targets.map((t) => t.conversationID), TYPES.MSG_REMIND_ACPT_AND_NOTE],
    );
    const muted = new Set(rows.map((row) => `${row.user_id}\u0000${row.conversation_id}`));
    return targets.filter((t) => muted.has(`${t.userID}\u0000${t.conversationID}`)).map((t) => t.userID);
  }

  conversationGroups(app: number, userID: string): Promise<string[]> {
    return groupNames(this.db.pool, app, userID);
  }

  createConversationGroup(app: number, userID: string, groupName: string, conversationIDs: string[]) {
    return this.db.transaction((client) => createGroup(client, app, userID, groupName, conversationIDs));
  }

  deleteConversationGroup(app: number, userID: string, groupName: string): Promise<string[]> {
    return this.db.transaction((client) => deleteGroup(client, app, userID, groupName));
  }

  renameConversationGroup(app: number, userID: string, oldName: string, newName: string): Promise<string[]> {
    return this.db.transaction((client) => renameGroup(client, app, userID, oldName, newName));
  }

  addToConversationGroup(app: number, userID: string, groupName: string, conversationIDs: string[]) {
    return this.db.transaction((client) => addToGroup(client, app, userID, groupName, conversationIDs));
  }

  removeFromConversationGroup(app: number, userID: string, groupName: string, conversationIDs: string[]) {
    return this.db.transaction((client) => removeFromGroup(client, app, userID, groupName, conversationIDs));
  }
}

/** Sets one of the user's settings of the conversation, making its row if it has none. */
async function setting(
  q: Queryable,
  app: number,
  userID: string,
  conversationID: string,
  column: SettingsColumn,
  value: string | number,
): Promise<void> {
  await q.query(
    `INSERT INTO conversation_settings (app, user_id, conversation_id, ${column}) VALUES ($1, $2, $3, $4)
     ON CONFLICT (app, user_id, conversation_id) DO UPDATE SET ${column} = excluded.${column}`,
    [app, userID, conversationID, value],
  );
}

/** The list rows of these conversations; 2500 naming the first that is not in the user's list. */
async function requireListed(q: Queryable, app: number, userID: string, conversationIDs: string[]) {
  const { rows } = await q.query<{ conversation_id: string; updated_at: number; head_seq: number | null }>(
    `SELECT uc.conversation_id, uc.updated_at, h.last_seq AS head_seq FROM user_conversations uc
     LEFT JOIN conversation_settings s ON s.app = uc.app AND s.user_id = uc.user_id AND s.conversation_id = uc.conversation_id
     LEFT JOIN conversation_heads h ON h.app = uc.app AND h.conv = uc.conv
     WHERE uc.app = $1 AND uc.user_id = $2 AND uc.conversation_id = ANY($3) AND ${LISTED}`,
    [app, userID, conversationIDs],
  );
  const listed = new Map(rows.map((row) => [row.conversation_id, row]));
  return conversationIDs.map((conversationID) => {
    const row = listed.get(conversationID);
    if (!row)
      throw new ChatError(
        ErrorCode.CONVERSATION_NOT_FOUND,
        `${conversationID} is not in your conversation list (it has no messages yet, or was deleted).`,
      );
    return row;
  });
}
