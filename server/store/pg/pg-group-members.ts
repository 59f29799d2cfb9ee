import { communityOfTopic } from '../../../protocol/topics';
import type { Queryable } from './pg-database';

/**
 * Who is in a group, for the other parts of the PostgreSQL store (the message commit reads these).
 * The order is SQLite's: by join time, then user ID in binary order (COLLATE "C"), whatever the database's locale.
 */
export async function groupMemberIDs(db: Queryable, app: number, groupID: string): Promise<string[]> {
  const { rows } = await db.query<{ user_id: string }>(
    'SELECT user_id FROM group_members WHERE app = $1 AND group_id = $2 ORDER BY join_time, user_id COLLATE "C"',
    [app, groupID],
  );
  return rows.map((row) => row.user_id);
}

/** Who is in a group conversation: the group's members, or for a topic (GROUP<topicID>) its community's; null if there is neither. */
export async function conversationMemberIDs(db: Queryable, app: number, groupID: string): Promise<string[] | null> {
  const owner = communityOfTopic(groupID) ? await communityOf(db, app, groupID) : groupID;
  if (owner === null) return null;
  const { rows } = await db.query('SELECT 1 FROM groups WHERE app = $1 AND group_id = $2', [app, owner]);
  return rows.length > 0 ? groupMemberIDs(db, app, owner) : null;
}

async function communityOf(db: Queryable, app: number, topicID: string): Promise<string | null> {
  const { rows } = await db.query<{ group_id: string }>(
    'SELECT group_id FROM topics WHERE app = $1 AND topic_id = $2',
    [app, topicID],
  );
  return rows[0]?.group_id ?? null;
}
