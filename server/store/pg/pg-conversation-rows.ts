import type { ConversationListRow } from '../sqlite-conversations';
import type { Queryable } from './pg-database';

/**
 * What a viewer may read of a conversation (as sqlite-message-actions.ts VISIBLE_TO_VIEWER): its
 * audience includes them and they have not deleted it. `viewer` is the statement's placeholder.
 */
export function visibleToViewer(viewer: string): string {
  return `(messages.audience IS NULL OR messages.audience::jsonb ? ${viewer})
    AND NOT EXISTS (SELECT 1 FROM hidden_messages h WHERE h.app = messages.app AND h.user_id = ${viewer} AND h.conv = messages.conv AND h.seq = messages.seq)`;
}

/** A conversation the user deleted stays hidden until a newer message moves updated_at past hidden_at. */
export const LISTED = '(s.hidden_at IS NULL OR uc.updated_at > s.hidden_at)';

/** The user's visible conversations with their settings, pinned first, then by latest activity (as SqliteConversations.list). */
export async function listRows(q: Queryable, app: number, userID: string): Promise<ConversationListRow[]> {
  const [{ rows }, groups] = await Promise.all([
    q.query<Omit<ConversationListRow, 'groups'>>(
      `SELECT uc.conversation_id, uc.type, uc.unread, h.last_seq AS head_seq,
         CASE WHEN uc.last_seq > COALESCE(s.cleared_seq, 0) THEN m.body END AS body,
         COALESCE(s.pinned, 0) AS pinned, s.remind_type, COALESCE(s.marks, 0) AS marks, COALESCE(s.draft, '') AS draft,
         COALESCE(s.custom_data, '') AS custom_data, uc.conv, uc.last_seq,
         (EXISTS (SELECT 1 FROM hidden_messages hm WHERE hm.app = uc.app AND hm.user_id = uc.user_id AND hm.conv = uc.conv AND hm.seq = uc.last_seq))::int AS last_hidden
       FROM user_conversations uc
       LEFT JOIN conversation_settings s ON s.app = uc.app AND s.user_id = uc.user_id AND s.conversation_id = uc.conversation_id
       LEFT JOIN messages m ON m.app = uc.app AND m.conv = uc.conv AND m.seq = uc.last_seq
       LEFT JOIN conversation_heads h ON h.app = uc.app AND h.conv = uc.conv
       WHERE uc.app = $1 AND uc.user_id = $2 AND ${LISTED}
       ORDER BY COALESCE(s.pinned, 0) DESC, uc.updated_at DESC`,
      [app, userID],
    ),
    conversationGroupsOf(q, app, userID),
  ]);
  return rows.map((row) => ({ ...row, groups: groups.get(row.conversation_id) ?? [] }));
}

/** Each conversation's conversation group names, oldest group first. */
export async function conversationGroupsOf(q: Queryable, app: number, userID: string): Promise<Map<string, string[]>> {
  const { rows } = await q.query<{ conversation_id: string; group_name: string }>(
    `SELECT m.conversation_id, m.group_name FROM conversation_group_members m
     JOIN conversation_groups g ON g.app = m.app AND g.user_id = m.user_id AND g.group_name = m.group_name
     WHERE m.app = $1 AND m.user_id = $2 ORDER BY g.created_at, g.group_name COLLATE "C"`,
    [app, userID],
  );
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.conversation_id, [...(groups.get(row.conversation_id) ?? []), row.group_name]);
  return groups;
}

/** The sequence up to which `userID` cleared the conversation's history (0: none). */
export async function clearedSequence(q: Queryable, app: number, userID: string, conversationID: string) {
  const { rows } = await q.query<{ cleared_seq: number }>(
    'SELECT cleared_seq FROM conversation_settings WHERE app = $1 AND user_id = $2 AND conversation_id = $3',
    [app, userID, conversationID],
  );
  return rows[0]?.cleared_seq ?? 0;
}

/**
 * Clears unread and @ marks of these conversations of the user; answers the sequence each is read
 * up to. The conversations' counter rows are locked (shared) first, in the commit's order: a
 * commit under way finishes first, so the read sequence covers every message the unread count did.
 */
export async function markRead(
  q: Queryable,
  app: number,
  userID: string,
  conversationIDs: readonly string[],
): Promise<Map<string, number>> {
  await q.query(
    `SELECT 1 FROM conversation_heads h
     WHERE h.app = $1 AND h.conv IN (SELECT conv FROM user_conversations WHERE app = $1 AND user_id = $2 AND conversation_id = ANY($3))
     ORDER BY h.app, h.conv COLLATE "C" FOR SHARE`,
    [app, userID, conversationIDs],
  );
  const { rows } = await q.query<{ conversation_id: string; read_seq: number }>(
    `UPDATE user_conversations uc SET unread = 0,
       read_seq = COALESCE((SELECT h.last_seq FROM conversation_heads h WHERE h.app = uc.app AND h.conv = uc.conv), uc.read_seq)
     WHERE uc.app = $1 AND uc.user_id = $2 AND uc.conversation_id = ANY($3)
     RETURNING uc.conversation_id, uc.read_seq`,
    [app, userID, conversationIDs],
  );
  await q.query('DELETE FROM group_at WHERE app = $1 AND user_id = $2 AND conversation_id = ANY($3)', [
    app,
    userID,
    conversationIDs,
  ]);
  return new Map(rows.map((row) => [row.conversation_id, row.read_seq]));
}
