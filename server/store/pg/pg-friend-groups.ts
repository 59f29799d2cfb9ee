import type { WireFriendGroup } from '../../../protocol/friends';
import { friendGroupExists, noFriendGroup } from '../relation-rules';
import type { Queryable } from './pg-database';

/**
 * Friend groups on PostgreSQL (sqlite-friend-groups.ts): statements the relation store runs inside
 * its transactions. A change to a group first locks its friend_groups row, so adding members,
 * renaming and deleting one group happen one after the other.
 */

const UNIQUE_VIOLATION = '23505';

/** Locks the group's row for the rest of the transaction; 30001 if there is no such group. */
export async function requireFriendGroup(db: Queryable, app: number, userID: string, name: string): Promise<void> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM friend_groups WHERE app = $1 AND user_id = $2 AND name = $3 FOR UPDATE',
    [app, userID, name],
  );
  if (!rowCount) throw noFriendGroup(name);
}

/** A new, empty group; 30001 if the user has one by that name. */
export async function createFriendGroupRow(db: Queryable, app: number, userID: string, name: string): Promise<void> {
  const { rowCount } = await db.query(
    'INSERT INTO friend_groups (app, user_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [app, userID, name],
  );
  if (!rowCount) throw friendGroupExists(name);
}

/** Puts a friend in a group, making the group if it is new (addFriend's groupName does this). */
export async function putInFriendGroup(
  db: Queryable,
  app: number,
  userID: string,
  name: string,
  friendID: string,
): Promise<void> {
  // DO UPDATE (a no-op) locks an existing group row, as requireFriendGroup does: a rename or delete waits for this.
  await db.query(
    `INSERT INTO friend_groups (app, user_id, name) VALUES ($1, $2, $3)
     ON CONFLICT (app, user_id, name) DO UPDATE SET name = excluded.name`,
    [app, userID, name],
  );
  await db.query(
    'INSERT INTO friend_group_members (app, user_id, name, friend_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [app, userID, name, friendID],
  );
}

export async function removeFromFriendGroup(
  db: Queryable,
  app: number,
  userID: string,
  name: string,
  friendID: string,
): Promise<void> {
  await db.query('DELETE FROM friend_group_members WHERE app = $1 AND user_id = $2 AND name = $3 AND friend_id = $4', [
    app,
    userID,
    name,
    friendID,
  ]);
}

/** A friend who is no longer one leaves every group of `userID`'s. */
export async function forgetInFriendGroups(
  db: Queryable,
  app: number,
  userID: string,
  friendID: string,
): Promise<void> {
  await db.query('DELETE FROM friend_group_members WHERE app = $1 AND user_id = $2 AND friend_id = $3', [
    app,
    userID,
    friendID,
  ]);
}

const GROUPS_WITH_MEMBERS = `
  SELECT g.name, ARRAY(
    SELECT m.friend_id FROM friend_group_members m
    WHERE m.app = g.app AND m.user_id = g.user_id AND m.name = g.name ORDER BY m.friend_id COLLATE "C"
  ) AS members
  FROM friend_groups g WHERE g.app = $1 AND g.user_id = $2`;

function toWireFriendGroup(row: { name: string; members: string[] }): WireFriendGroup {
  return { name: row.name, count: row.members.length, userIDList: row.members };
}

/** The group with its members; 30001 if there is no such group. */
export async function readFriendGroup(
  db: Queryable,
  app: number,
  userID: string,
  name: string,
): Promise<WireFriendGroup> {
  const { rows } = await db.query<{ name: string; members: string[] }>(`${GROUPS_WITH_MEMBERS} AND g.name = $3`, [
    app,
    userID,
    name,
  ]);
  if (rows.length === 0) throw noFriendGroup(name);
  return toWireFriendGroup(rows[0]);
}

export async function readFriendGroups(db: Queryable, app: number, userID: string): Promise<WireFriendGroup[]> {
  const { rows } = await db.query<{ name: string; members: string[] }>(
    `${GROUPS_WITH_MEMBERS} ORDER BY g.name COLLATE "C"`,
    [app, userID],
  );
  return rows.map(toWireFriendGroup);
}

/** Deletes the (locked) group and answers it as it was. */
export async function deleteFriendGroupRows(
  db: Queryable,
  app: number,
  userID: string,
  name: string,
): Promise<WireFriendGroup> {
  const group = await readFriendGroup(db, app, userID, name);
  await db.query('DELETE FROM friend_group_members WHERE app = $1 AND user_id = $2 AND name = $3', [app, userID, name]);
  await db.query('DELETE FROM friend_groups WHERE app = $1 AND user_id = $2 AND name = $3', [app, userID, name]);
  return group;
}

/** Renames the (locked) group; 30001 if the user has one called `newName`. */
export async function renameFriendGroupRows(
  db: Queryable,
  app: number,
  userID: string,
  oldName: string,
  newName: string,
): Promise<void> {
  const { rowCount } = await db.query('SELECT 1 FROM friend_groups WHERE app = $1 AND user_id = $2 AND name = $3', [
    app,
    userID,
    newName,
  ]);
  if (rowCount) throw friendGroupExists(newName);
  try {
    await db.query('UPDATE friend_groups SET name = $4 WHERE app = $1 AND user_id = $2 AND name = $3', [
      app,
      userID,
      oldName,
      newName,
    ]);
  } catch (error) {
    // Another transaction made a group called `newName` since the check above.
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw friendGroupExists(newName);
    throw error;
  }
  await db.query('UPDATE friend_group_members SET name = $4 WHERE app = $1 AND user_id = $2 AND name = $3', [
    app,
    userID,
    oldName,
    newName,
  ]);
}
