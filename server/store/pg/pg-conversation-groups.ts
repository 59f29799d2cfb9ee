import { MAX_CONVERSATION_GROUPS } from '../../../protocol/conversation-rules';
import { ChatError, ErrorCode } from '../../../protocol/errors';
import type { Queryable } from './pg-database';

/** Each user's conversation groups (createConversationGroup and the rest), as sqlite-conversation-groups.ts. */

export async function groupNames(q: Queryable, app: number, userID: string): Promise<string[]> {
  const { rows } = await q.query<{ group_name: string }>(
    'SELECT group_name FROM conversation_groups WHERE app = $1 AND user_id = $2 ORDER BY created_at, group_name COLLATE "C"',
    [app, userID],
  );
  return rows.map((row) => row.group_name);
}

/** Locks the user's group row, so two changes of one group run one after the other. */
async function groupExists(q: Queryable, app: number, userID: string, groupName: string): Promise<boolean> {
  const { rows } = await q.query(
    'SELECT 1 FROM conversation_groups WHERE app = $1 AND user_id = $2 AND group_name = $3 FOR UPDATE',
    [app, userID, groupName],
  );
  return rows.length > 0;
}

export async function createGroup(
  q: Queryable,
  app: number,
  userID: string,
  groupName: string,
  conversationIDs: string[],
): Promise<string[]> {
  if (await groupExists(q, app, userID, groupName)) throw nameTaken(groupName);
  if ((await groupNames(q, app, userID)).length >= MAX_CONVERSATION_GROUPS)
    throw new ChatError(
      ErrorCode.CONVERSATION_GROUP_LIMIT,
      `You have ${MAX_CONVERSATION_GROUPS} conversation groups, the most there can be; delete one first.`,
    );
  const { rowCount } = await q.query(
    `INSERT INTO conversation_groups (app, user_id, group_name, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [app, userID, groupName, Date.now()],
  );
  // Another device created it between the check and the insert.
  if (rowCount === 0) throw nameTaken(groupName);
  return addListed(q, app, userID, groupName, conversationIDs);
}

export async function deleteGroup(q: Queryable, app: number, userID: string, groupName: string): Promise<string[]> {
  const members = await requireGroup(q, app, userID, groupName);
  await q.query('DELETE FROM conversation_groups WHERE app = $1 AND user_id = $2 AND group_name = $3', [
    app,
    userID,
    groupName,
  ]);
  await q.query('DELETE FROM conversation_group_members WHERE app = $1 AND user_id = $2 AND group_name = $3', [
    app,
    userID,
    groupName,
  ]);
  return members;
}

export async function renameGroup(
  q: Queryable,
  app: number,
  userID: string,
  oldName: string,
  newName: string,
): Promise<string[]> {
  const members = await requireGroup(q, app, userID, oldName);
  if (oldName === newName) return members;
  if (await groupExists(q, app, userID, newName)) throw nameTaken(newName);
  await q.query('UPDATE conversation_groups SET group_name = $1 WHERE app = $2 AND user_id = $3 AND group_name = $4', [
    newName,
    app,
    userID,
    oldName,
  ]);
  await q.query(
    'UPDATE conversation_group_members SET group_name = $1 WHERE app = $2 AND user_id = $3 AND group_name = $4',
    [newName, app, userID, oldName],
  );
  return members;
}

export async function addToGroup(
  q: Queryable,
  app: number,
  userID: string,
  groupName: string,
  conversationIDs: string[],
): Promise<string[]> {
  await requireGroup(q, app, userID, groupName);
  return addListed(q, app, userID, groupName, conversationIDs);
}

export async function removeFromGroup(
  q: Queryable,
  app: number,
  userID: string,
  groupName: string,
  conversationIDs: string[],
): Promise<string[]> {
  await requireGroup(q, app, userID, groupName);
  const { rows } = await q.query<{ conversation_id: string }>(
    `DELETE FROM conversation_group_members WHERE app = $1 AND user_id = $2 AND group_name = $3 AND conversation_id = ANY($4)
     RETURNING conversation_id`,
    [app, userID, groupName, conversationIDs],
  );
  const removed = new Set(rows.map((row) => row.conversation_id));
  return conversationIDs.filter((id) => removed.delete(id));
}

/** A deleted conversation leaves every group. */
export async function leaveAllGroups(q: Queryable, app: number, userID: string, conversationID: string) {
  await q.query('DELETE FROM conversation_group_members WHERE app = $1 AND user_id = $2 AND conversation_id = $3', [
    app,
    userID,
    conversationID,
  ]);
}

/** Only conversations in the user's list join a group; answers those. */
async function addListed(q: Queryable, app: number, userID: string, groupName: string, conversationIDs: string[]) {
  const { rows } = await q.query<{ conversation_id: string }>(
    'SELECT conversation_id FROM user_conversations WHERE app = $1 AND user_id = $2 AND conversation_id = ANY($3)',
    [app, userID, conversationIDs],
  );
  const known = new Set(rows.map((row) => row.conversation_id));
  const listed = conversationIDs.filter((id) => known.has(id));
  await q.query(
    `INSERT INTO conversation_group_members (app, user_id, conversation_id, group_name)
     SELECT $1, $2, unnest($3::text[]), $4 ON CONFLICT DO NOTHING`,
    [app, userID, listed, groupName],
  );
  return listed;
}

async function requireGroup(q: Queryable, app: number, userID: string, groupName: string): Promise<string[]> {
  if (!(await groupExists(q, app, userID, groupName)))
    throw new ChatError(ErrorCode.CONVERSATION_GROUP_NOT_FOUND, `You have no conversation group ${groupName}.`);
  const { rows } = await q.query<{ conversation_id: string }>(
    `SELECT conversation_id FROM conversation_group_members WHERE app = $1 AND user_id = $2 AND group_name = $3
     ORDER BY conversation_id COLLATE "C"`,
    [app, userID, groupName],
  );
  return rows.map((row) => row.conversation_id);
}

function nameTaken(groupName: string): ChatError {
  return new ChatError(ErrorCode.CONVERSATION_GROUP_NAME_TAKEN, `You already have a conversation group ${groupName}.`);
}
