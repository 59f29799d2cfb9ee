import type { WireFriend } from '../../../protocol/friends';
import { toWireFriend, type ApplicationRow, type FriendRow, type NewFriend } from '../relation-rules';
import type { Queryable } from './pg-database';
import { forgetInFriendGroups, putInFriendGroup } from './pg-friend-groups';

/** Statements on friends, friend_applications and blacklist that the relation store runs inside its transactions. */

/** What addFriend decides on, between `from` and `to`, in one round trip. */
export interface PairFacts {
  blockedByMe: boolean;
  blockedByThem: boolean;
  alreadyFriend: boolean;
  theyHaveMe: boolean;
}

export async function readPairFacts(db: Queryable, app: number, from: string, to: string): Promise<PairFacts> {
  const { rows } = await db.query<PairFacts>(
    `SELECT
       EXISTS (SELECT 1 FROM blacklist WHERE app = $1 AND user_id = $2 AND blocked_id = $3) AS "blockedByMe",
       EXISTS (SELECT 1 FROM blacklist WHERE app = $1 AND user_id = $3 AND blocked_id = $2) AS "blockedByThem",
       EXISTS (SELECT 1 FROM friends WHERE app = $1 AND user_id = $2 AND friend_id = $3) AS "alreadyFriend",
       EXISTS (SELECT 1 FROM friends WHERE app = $1 AND user_id = $3 AND friend_id = $2) AS "theyHaveMe"`,
    [app, from, to],
  );
  return rows[0];
}

/**
 * Whether `friendID` is `userID`'s friend, keeping the row from being deleted until the
 * transaction ends (a friend group must not gain a member who has just stopped being a friend).
 */
export async function isFriendKept(db: Queryable, app: number, userID: string, friendID: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM friends WHERE app = $1 AND user_id = $2 AND friend_id = $3 FOR SHARE',
    [app, userID, friendID],
  );
  return (rowCount ?? 0) > 0;
}

/** Adds a friend (in the group `groupName` names, if any); false if already one. */
export async function insertFriend(
  db: Queryable,
  app: number,
  userID: string,
  friendID: string,
  friend: NewFriend,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `INSERT INTO friends (app, user_id, friend_id, remark, time, source, wording, custom)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '[]') ON CONFLICT DO NOTHING`,
    [app, userID, friendID, friend.remark, friend.time, friend.source, friend.wording],
  );
  const added = (rowCount ?? 0) > 0;
  if (added && friend.groupName) await putInFriendGroup(db, app, userID, friend.groupName, friendID);
  return added;
}

/** Ends a friendship one way; false if there was none. */
export async function removeFriend(db: Queryable, app: number, userID: string, friendID: string): Promise<boolean> {
  // The row goes first: it waits for a friend group change holding it (isFriendKept), whose new member is then forgotten.
  const { rowCount } = await db.query('DELETE FROM friends WHERE app = $1 AND user_id = $2 AND friend_id = $3', [
    app,
    userID,
    friendID,
  ]);
  await forgetInFriendGroups(db, app, userID, friendID);
  return (rowCount ?? 0) > 0;
}

/** `userID`'s friends (all, or those of `friendIDs` who are), with the groups each is in. */
export async function readFriends(
  db: Queryable,
  app: number,
  userID: string,
  friendIDs?: readonly string[],
  lockRow = false,
): Promise<Array<{ row: FriendRow; friend: WireFriend }>> {
  const { rows } = await db.query<FriendRow & { group_list: string[] }>(
    `SELECT f.friend_id, f.remark, f.time, f.source, f.wording, f.custom, ARRAY(
       SELECT m.name FROM friend_group_members m
       WHERE m.app = f.app AND m.user_id = f.user_id AND m.friend_id = f.friend_id ORDER BY m.name COLLATE "C"
     ) AS group_list
     FROM friends f WHERE f.app = $1 AND f.user_id = $2 AND ($3::text[] IS NULL OR f.friend_id = ANY($3))
     ORDER BY f.friend_id COLLATE "C" ${lockRow ? 'FOR UPDATE OF f' : ''}`,
    [app, userID, friendIDs ?? null],
  );
  return rows.map(({ group_list, ...row }) => ({ row, friend: toWireFriend(row, group_list) }));
}

/** Deletes requests both ways between two users; true if there was one. */
export async function dropApplications(db: Queryable, app: number, a: string, b: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `DELETE FROM friend_applications
     WHERE app = $1 AND ((from_id = $2 AND to_id = $3) OR (from_id = $3 AND to_id = $2))`,
    [app, a, b],
  );
  return (rowCount ?? 0) > 0;
}

export async function putApplication(db: Queryable, app: number, from: string, to: string, friend: NewFriend) {
  await db.query(
    `INSERT INTO friend_applications
     (app, from_id, to_id, remark, source, wording, group_name, time, unread, shown_to_sender, shown_to_target)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, 1, 1)
     ON CONFLICT (app, from_id, to_id) DO UPDATE SET remark = excluded.remark, source = excluded.source,
       wording = excluded.wording, group_name = excluded.group_name, time = excluded.time,
       unread = 1, shown_to_sender = 1, shown_to_target = 1`,
    [app, from, to, friend.remark, friend.source, friend.wording, friend.groupName, friend.time],
  );
}

export async function readApplication(
  db: Queryable,
  app: number,
  from: string,
  to: string,
): Promise<ApplicationRow | undefined> {
  const { rows } = await db.query<ApplicationRow>(
    'SELECT * FROM friend_applications WHERE app = $1 AND from_id = $2 AND to_id = $3',
    [app, from, to],
  );
  return rows[0];
}

/** Takes the request out of its sender's or its target's list, and deletes it once neither shows it; false if that list did not show it. */
export async function hideApplication(
  db: Queryable,
  app: number,
  from: string,
  to: string,
  side: 'sender' | 'target',
): Promise<boolean> {
  const column = side === 'sender' ? 'shown_to_sender' : 'shown_to_target';
  const { rowCount } = await db.query(
    `UPDATE friend_applications SET ${column} = 0 WHERE app = $1 AND from_id = $2 AND to_id = $3 AND ${column} = 1`,
    [app, from, to],
  );
  if (!rowCount) return false;
  await db.query(
    `DELETE FROM friend_applications
     WHERE app = $1 AND from_id = $2 AND to_id = $3 AND shown_to_sender = 0 AND shown_to_target = 0`,
    [app, from, to],
  );
  return true;
}
