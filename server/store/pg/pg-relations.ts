import { TYPES } from '../../../protocol/constants';
import { ErrorCode } from '../../../protocol/errors';
import type {
  AddFriendRequest,
  AddFriendResult,
  AllowType,
  CheckFriendType,
  FriendApplicationAnswer,
  FriendApplicationType,
  FriendGroupResult,
  FriendRelation,
  WireFriend,
  WireFriendApplication,
  WireFriendCustomField,
  WireFriendGroup,
} from '../../../protocol/friends';
import {
  addFriendRefusal,
  applicationEnds,
  mergeFriendCustomFields,
  newFriendOf,
  noApplicationToAnswer,
  noApplicationToDelete,
  notFriendForGroup,
  notFriendToUpdate,
  RelationChangeSet,
  relationOf,
  toApplicationList,
  type ApplicationRow,
} from '../relation-rules';
import type { RelationChanges, RelationStore } from '../store';
import type { PgDatabase, Queryable } from './pg-database';
import {
  createFriendGroupRow,
  deleteFriendGroupRows,
  putInFriendGroup,
  readFriendGroup,
  readFriendGroups,
  removeFromFriendGroup,
  renameFriendGroupRows,
  requireFriendGroup,
} from './pg-friend-groups';
import {
  dropApplications,
  hideApplication,
  insertFriend,
  isFriendKept,
  putApplication,
  readApplication,
  readFriends,
  readPairFacts,
  removeFriend,
} from './pg-friend-rows';
import { lockPairs } from './pg-relation-locks';

type ListChange = { successUserIDList: string[]; changes: RelationChanges };
type GroupChange = { result: FriendGroupResult; changes: RelationChanges };

/**
 * Friends, friend requests, the blacklist and friend groups on PostgreSQL: sqlite-friends.ts
 * translated, case for case. A change between two users holds their pair's lock (lockPairs), so
 * opposite requests on two nodes at once (A adds B while B adds A) run one after the other.
 */
export class PgRelations implements RelationStore {
  constructor(private readonly db: PgDatabase) {}

  /**
   * The reference's addFriend: refused if either blocked the other (30515, 30525), if already a
   * friend (30001) or if `to` accepts no requests (30516); direct when `to` allows anyone or already
   * has `from` as a friend; otherwise a request that waits (30539).
   */
  addFriend(
    app: number,
    from: string,
    request: AddFriendRequest,
    allowType: AllowType,
    time: number,
  ): Promise<{ result: AddFriendResult; changes: RelationChanges }> {
    const { to } = request;
    return this.db.transaction(async (client) => {
      await lockPairs(client, app, from, [to]);
      const facts = await readPairFacts(client, app, from, to);
      const refusal = addFriendRefusal(facts, allowType, to);
      if (refusal) throw refusal;
      const friend = newFriendOf(request, time);
      const changes = new RelationChangeSet();
      if (allowType === TYPES.ALLOW_TYPE_NEED_CONFIRM && !facts.theyHaveMe) {
        await putApplication(client, app, from, to, friend);
        changes.add(from, 'friendApplications').add(to, 'friendApplications');
        const result: AddFriendResult = { userID: to, code: ErrorCode.FRIEND_APPLICATION_PENDING };
        return { result, changes: changes.toJSON() };
      }
      await insertFriend(client, app, from, to, friend);
      changes.add(from, 'friends');
      if (friend.groupName) changes.add(from, 'friendGroups');
      if (request.type !== TYPES.SNS_ADD_TYPE_SINGLE) {
        const back = { ...friend, remark: '', groupName: '' };
        if (await insertFriend(client, app, to, from, back)) changes.add(to, 'friends');
      }
      if (await dropApplications(client, app, from, to))
        changes.add(from, 'friendApplications').add(to, 'friendApplications');
      const result: AddFriendResult = { userID: to, code: 0 };
      return { result, changes: changes.toJSON() };
    });
  }

  /** Answers the friends `userID` removed from their list; Both (the default) removes `userID` from theirs too. */
  deleteFriends(app: number, userID: string, friendIDs: string[], both: boolean): Promise<ListChange> {
    return this.db.transaction(async (client) => {
      const unique = [...new Set(friendIDs)];
      await lockPairs(client, app, userID, unique);
      const changes = new RelationChangeSet();
      const successUserIDList: string[] = [];
      for (const friendID of unique) {
        const removed = await removeFriend(client, app, userID, friendID);
        if (removed) {
          changes.add(userID, 'friends', 'friendGroups');
          successUserIDList.push(friendID);
        }
        if (both && (await removeFriend(client, app, friendID, userID)))
          changes.add(friendID, 'friends', 'friendGroups');
      }
      return { successUserIDList, changes: changes.toJSON() };
    });
  }

  async getFriendList(app: number, userID: string): Promise<WireFriend[]> {
    return (await readFriends(this.db.pool, app, userID)).map(({ friend }) => friend);
  }

  /** The friends among `friendIDs`, in their order (a repeated ID comes back again). */
  async getFriendProfiles(app: number, userID: string, friendIDs: string[]): Promise<WireFriend[]> {
    const found = new Map(
      (await readFriends(this.db.pool, app, userID, friendIDs)).map(({ friend }) => [friend.userID, friend]),
    );
    return friendIDs.flatMap((friendID) => {
      const friend = found.get(friendID);
      return friend ? [friend] : [];
    });
  }

  async checkFriends(
    app: number,
    userID: string,
    otherIDs: string[],
    type: CheckFriendType,
  ): Promise<Array<{ userID: string; code: 0; relation: FriendRelation }>> {
    const rows = await this.db.query<{ other: string; mine: boolean; theirs: boolean }>(
      `SELECT o.other,
         EXISTS (SELECT 1 FROM friends WHERE app = $1 AND user_id = $2 AND friend_id = o.other) AS mine,
         EXISTS (SELECT 1 FROM friends WHERE app = $1 AND user_id = o.other AND friend_id = $2) AS theirs
       FROM unnest($3::text[]) AS o(other)`,
      [app, userID, [...new Set(otherIDs)]],
    );
    const byID = new Map(rows.map((row) => [row.other, row]));
    return otherIDs.map((other) => {
      const found = byID.get(other);
      const mine = found?.mine ?? false;
      const theirs = type === TYPES.SNS_CHECK_TYPE_BOTH && (found?.theirs ?? false);
      return { userID: other, code: 0, relation: relationOf(mine, theirs) };
    });
  }

  /** A remark, and custom fields merged by key; 30001 when `friendID` is not in the list. */
  updateFriend(
    app: number,
    userID: string,
    friendID: string,
    update: { remark?: string; friendCustomField?: WireFriendCustomField[] },
  ): Promise<{ friend: WireFriend; changes: RelationChanges }> {
    return this.db.transaction(async (client) => {
      const [found] = await readFriends(client, app, userID, [friendID], true);
      if (!found) throw notFriendToUpdate(friendID);
      const custom = mergeFriendCustomFields(found.row.custom, update.friendCustomField);
      const remark = update.remark ?? found.row.remark;
      await client.query(
        'UPDATE friends SET remark = $1, custom = $2 WHERE app = $3 AND user_id = $4 AND friend_id = $5',
        [remark, custom, app, userID, friendID],
      );
      const friend: WireFriend = {
        ...found.friend,
        remark,
        friendCustomField: JSON.parse(custom) as WireFriendCustomField[],
      };
      return { friend, changes: new RelationChangeSet().add(userID, 'friends').toJSON() };
    });
  }

  async getFriendApplications(
    app: number,
    userID: string,
  ): Promise<{ friendApplicationList: WireFriendApplication[]; unreadCount: number }> {
    const rows = await this.db.query<ApplicationRow>(
      `SELECT * FROM friend_applications WHERE app = $1 AND
       ((to_id = $2 AND shown_to_target = 1) OR (from_id = $2 AND shown_to_sender = 1))
       ORDER BY time DESC, from_id COLLATE "C"`,
      [app, userID],
    );
    return toApplicationList(rows, userID);
  }

  /** `userID` accepts `applicant`'s request: the applicant gets the friend; AGREE_AND_ADD (the default) makes it both ways. */
  acceptFriendApplication(
    app: number,
    userID: string,
    applicant: string,
    answer: FriendApplicationAnswer,
    remark: string,
    time: number,
  ): Promise<RelationChanges> {
    return this.db.transaction(async (client) => {
      await lockPairs(client, app, userID, [applicant]);
      const row = await pendingFor(client, app, userID, applicant);
      const friend = { remark: row.remark, source: row.source, wording: row.wording, groupName: row.group_name, time };
      await insertFriend(client, app, applicant, userID, friend);
      const changes = new RelationChangeSet()
        .add(applicant, 'friends', 'friendApplications')
        .add(userID, 'friendApplications');
      if (friend.groupName) changes.add(applicant, 'friendGroups');
      if (answer === TYPES.SNS_APPLICATION_AGREE_AND_ADD) {
        await insertFriend(client, app, userID, applicant, { ...friend, remark, groupName: '' });
        changes.add(userID, 'friends');
      }
      await dropApplications(client, app, applicant, userID);
      return changes.toJSON();
    });
  }

  refuseFriendApplication(app: number, userID: string, applicant: string): Promise<RelationChanges> {
    return this.db.transaction(async (client) => {
      await lockPairs(client, app, userID, [applicant]);
      await pendingFor(client, app, userID, applicant);
      await client.query('DELETE FROM friend_applications WHERE app = $1 AND from_id = $2 AND to_id = $3', [
        app,
        applicant,
        userID,
      ]);
      return new RelationChangeSet().add(applicant, 'friendApplications').add(userID, 'friendApplications').toJSON();
    });
  }

  /** Removes a request from `userID`'s own list only; the other user still sees theirs. */
  deleteFriendApplication(
    app: number,
    userID: string,
    other: string,
    type: FriendApplicationType,
  ): Promise<RelationChanges> {
    return this.db.transaction(async (client) => {
      await lockPairs(client, app, userID, [other]);
      const [from, to] = applicationEnds(type, userID, other);
      const side = type === TYPES.SNS_APPLICATION_SENT_TO_ME ? 'target' : 'sender';
      if (!(await hideApplication(client, app, from, to, side))) throw noApplicationToDelete(type, other);
      return new RelationChangeSet().add(userID, 'friendApplications').toJSON();
    });
  }

  async setFriendApplicationsRead(app: number, userID: string): Promise<RelationChanges> {
    const { rowCount } = await this.db.pool.query(
      'UPDATE friend_applications SET unread = 0 WHERE app = $1 AND to_id = $2 AND unread = 1',
      [app, userID],
    );
    return rowCount ? new RelationChangeSet().add(userID, 'friendApplications').toJSON() : {};
  }

  /** Blocking ends the friendship both ways and drops the requests between them, as the reference does. */
  addToBlacklist(app: number, userID: string, blockedIDs: string[]): Promise<ListChange> {
    return this.db.transaction(async (client) => {
      const successUserIDList = [...new Set(blockedIDs)];
      await lockPairs(client, app, userID, successUserIDList);
      const changes = new RelationChangeSet().add(userID, 'blacklist');
      for (const blocked of successUserIDList) {
        await client.query(
          'INSERT INTO blacklist (app, user_id, blocked_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [app, userID, blocked],
        );
        if (await removeFriend(client, app, userID, blocked)) changes.add(userID, 'friends', 'friendGroups');
        if (await removeFriend(client, app, blocked, userID)) changes.add(blocked, 'friends', 'friendGroups');
        if (await dropApplications(client, app, userID, blocked))
          changes.add(userID, 'friendApplications').add(blocked, 'friendApplications');
      }
      return { successUserIDList, changes: changes.toJSON() };
    });
  }

  async removeFromBlacklist(app: number, userID: string, blockedIDs: string[]): Promise<ListChange> {
    const removed = new Set(
      (
        await this.db.query<{ blocked_id: string }>(
          'DELETE FROM blacklist WHERE app = $1 AND user_id = $2 AND blocked_id = ANY($3) RETURNING blocked_id',
          [app, userID, blockedIDs],
        )
      ).map((row) => row.blocked_id),
    );
    const successUserIDList = [...new Set(blockedIDs)].filter((blocked) => removed.has(blocked));
    const changes = successUserIDList.length > 0 ? new RelationChangeSet().add(userID, 'blacklist').toJSON() : {};
    return { successUserIDList, changes };
  }

  async getBlacklist(app: number, userID: string): Promise<string[]> {
    const rows = await this.db.query<{ blocked_id: string }>(
      'SELECT blocked_id FROM blacklist WHERE app = $1 AND user_id = $2 ORDER BY blocked_id COLLATE "C"',
      [app, userID],
    );
    return rows.map((row) => row.blocked_id);
  }

  getFriendGroups(app: number, userID: string): Promise<WireFriendGroup[]> {
    return readFriendGroups(this.db.pool, app, userID);
  }

  createFriendGroup(app: number, userID: string, name: string, friendIDs: string[]): Promise<GroupChange> {
    return this.db.transaction(async (client) => {
      await createFriendGroupRow(client, app, userID, name);
      return fillFriendGroup(client, app, userID, name, friendIDs, true);
    });
  }

  /** Adds (`add`) or removes friends; 30001 if there is no such group. */
  changeFriendGroup(
    app: number,
    userID: string,
    name: string,
    friendIDs: string[],
    add: boolean,
  ): Promise<GroupChange> {
    return this.db.transaction(async (client) => {
      await requireFriendGroup(client, app, userID, name);
      return fillFriendGroup(client, app, userID, name, friendIDs, add);
    });
  }

  deleteFriendGroup(
    app: number,
    userID: string,
    name: string,
  ): Promise<{ friendGroup: WireFriendGroup; changes: RelationChanges }> {
    return this.db.transaction(async (client) => {
      await requireFriendGroup(client, app, userID, name);
      const friendGroup = await deleteFriendGroupRows(client, app, userID, name);
      return { friendGroup, changes: new RelationChangeSet().add(userID, 'friendGroups', 'friends').toJSON() };
    });
  }

  renameFriendGroup(
    app: number,
    userID: string,
    oldName: string,
    newName: string,
  ): Promise<{ friendGroup: WireFriendGroup; changes: RelationChanges }> {
    return this.db.transaction(async (client) => {
      await requireFriendGroup(client, app, userID, oldName);
      await renameFriendGroupRows(client, app, userID, oldName, newName);
      const friendGroup = await readFriendGroup(client, app, userID, newName);
      return { friendGroup, changes: new RelationChangeSet().add(userID, 'friendGroups', 'friends').toJSON() };
    });
  }
}

/** The request `applicant` sent `userID` that `userID` still has in their list; 30001 if none. */
async function pendingFor(db: Queryable, app: number, userID: string, applicant: string): Promise<ApplicationRow> {
  const row = await readApplication(db, app, applicant, userID);
  if (!row || row.shown_to_target !== 1) throw noApplicationToAnswer(applicant);
  return row;
}

/** Puts each of `friendIDs` in the (locked) group, or takes them out; those who are not friends come back as failures (32216). */
async function fillFriendGroup(
  db: Queryable,
  app: number,
  userID: string,
  name: string,
  friendIDs: string[],
  add: boolean,
): Promise<GroupChange> {
  const failureUserIDList: FriendGroupResult['failureUserIDList'] = [];
  for (const friendID of new Set(friendIDs)) {
    if (!(await isFriendKept(db, app, userID, friendID))) failureUserIDList.push(notFriendForGroup(friendID));
    else if (add) await putInFriendGroup(db, app, userID, name, friendID);
    else await removeFromFriendGroup(db, app, userID, name, friendID);
  }
  const result: FriendGroupResult = { friendGroup: await readFriendGroup(db, app, userID, name), failureUserIDList };
  return { result, changes: new RelationChangeSet().add(userID, 'friendGroups', 'friends').toJSON() };
}
