import type Database from 'better-sqlite3';
import { TYPES } from '../../protocol/constants';
import { ErrorCode } from '../../protocol/errors';
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
} from '../../protocol/friends';
import {
  addFriendRefusal,
  applicationEnds,
  mergeFriendCustomFields,
  newFriendOf,
  noApplicationToAnswer,
  noApplicationToDelete,
  notFriendForGroup,
  notFriendToUpdate,
  relationOf,
  RelationChangeSet as Changes,
  toApplicationList,
  toWireFriend,
  type ApplicationRow,
  type FriendRow,
  type NewFriend,
} from './relation-rules';
import { SqliteFriendGroups } from './sqlite-friend-groups';
import type { RelationChanges } from './store';

/** The friend requests table; friends and blacklist are in sqlite-schema.ts. Run at every open. */
export const FRIEND_SCHEMA = `
CREATE TABLE IF NOT EXISTS friend_applications (
  app INTEGER NOT NULL,
  from_id TEXT NOT NULL,
  to_id TEXT NOT NULL,
  remark TEXT NOT NULL,
  source TEXT NOT NULL,
  wording TEXT NOT NULL,
  group_name TEXT NOT NULL,
  time INTEGER NOT NULL,
  unread INTEGER NOT NULL,
  shown_to_sender INTEGER NOT NULL,
  shown_to_target INTEGER NOT NULL,
  PRIMARY KEY (app, from_id, to_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS friend_applications_to ON friend_applications (app, to_id);
`;

/** Friends, friend requests and the blacklist in the SQLite store; every change answers who must hear of it. */
export class SqliteFriends {
  private readonly statements;
  private readonly groups: SqliteFriendGroups;

  constructor(private readonly db: Database.Database) {
    db.exec(FRIEND_SCHEMA);
    this.groups = new SqliteFriendGroups(db);
    this.statements = {
      friend: db.prepare<[number, string, string], FriendRow>(
        'SELECT friend_id, remark, time, source, wording, custom FROM friends WHERE app = ? AND user_id = ? AND friend_id = ?',
      ),
      friends: db.prepare<[number, string], FriendRow>(
        'SELECT friend_id, remark, time, source, wording, custom FROM friends WHERE app = ? AND user_id = ? ORDER BY friend_id',
      ),
      insertFriend: db.prepare(
        `INSERT INTO friends (app, user_id, friend_id, remark, time, source, wording, custom)
         VALUES (?, ?, ?, ?, ?, ?, ?, '[]') ON CONFLICT DO NOTHING`,
      ),
      updateFriend: db.prepare(
        'UPDATE friends SET remark = ?, custom = ? WHERE app = ? AND user_id = ? AND friend_id = ?',
      ),
      deleteFriend: db.prepare('DELETE FROM friends WHERE app = ? AND user_id = ? AND friend_id = ?'),
      isBlocked: db.prepare<[number, string, string], { one: number }>(
        'SELECT 1 AS one FROM blacklist WHERE app = ? AND user_id = ? AND blocked_id = ?',
      ),
      block: db.prepare('INSERT OR IGNORE INTO blacklist (app, user_id, blocked_id) VALUES (?, ?, ?)'),
      unblock: db.prepare('DELETE FROM blacklist WHERE app = ? AND user_id = ? AND blocked_id = ?'),
      blacklist: db.prepare<[number, string], { blocked_id: string }>(
        'SELECT blocked_id FROM blacklist WHERE app = ? AND user_id = ? ORDER BY blocked_id',
      ),
      application: db.prepare<[number, string, string], ApplicationRow>(
        'SELECT * FROM friend_applications WHERE app = ? AND from_id = ? AND to_id = ?',
      ),
      applications: db.prepare<[number, string, string], ApplicationRow>(
        `SELECT * FROM friend_applications WHERE app = ? AND
         ((to_id = ? AND shown_to_target = 1) OR (from_id = ? AND shown_to_sender = 1)) ORDER BY time DESC, from_id`,
      ),
      putApplication: db.prepare(
        `INSERT INTO friend_applications
         (app, from_id, to_id, remark, source, wording, group_name, time, unread, shown_to_sender, shown_to_target)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1)
         ON CONFLICT DO UPDATE SET remark = excluded.remark, source = excluded.source, wording = excluded.wording,
           group_name = excluded.group_name, time = excluded.time, unread = 1, shown_to_sender = 1, shown_to_target = 1`,
      ),
      hideFromSender: db.prepare(
        'UPDATE friend_applications SET shown_to_sender = 0 WHERE app = ? AND from_id = ? AND to_id = ? AND shown_to_sender = 1',
      ),
      hideFromTarget: db.prepare(
        'UPDATE friend_applications SET shown_to_target = 0 WHERE app = ? AND from_id = ? AND to_id = ? AND shown_to_target = 1',
      ),
      dropHidden: db.prepare(
        'DELETE FROM friend_applications WHERE app = ? AND from_id = ? AND to_id = ? AND shown_to_sender = 0 AND shown_to_target = 0',
      ),
      deleteApplication: db.prepare('DELETE FROM friend_applications WHERE app = ? AND from_id = ? AND to_id = ?'),
      markRead: db.prepare('UPDATE friend_applications SET unread = 0 WHERE app = ? AND to_id = ? AND unread = 1'),
    };
  }

  private isFriend(app: number, userID: string, friendID: string): boolean {
    return this.statements.friend.get(app, userID, friendID) !== undefined;
  }

  private isBlocked(app: number, userID: string, blockedID: string): boolean {
    return this.statements.isBlocked.get(app, userID, blockedID) !== undefined;
  }

  /** Adds a friend (in the group `groupName` names, if any); false if already one. */
  private insertFriend(app: number, userID: string, friendID: string, friend: NewFriend): boolean {
    const { remark, time, source, wording, groupName } = friend;
    const added = this.statements.insertFriend.run(app, userID, friendID, remark, time, source, wording).changes > 0;
    if (added && groupName) this.groups.put(app, userID, groupName, friendID);
    return added;
  }

  private removeFriend(app: number, userID: string, friendID: string): boolean {
    this.groups.forget(app, userID, friendID);
    return this.statements.deleteFriend.run(app, userID, friendID).changes > 0;
  }

  private wireFriend(app: number, userID: string, row: FriendRow): WireFriend {
    return toWireFriend(row, this.groups.groupsOf(app, userID, row.friend_id));
  }

  /** Deletes requests both ways between two users; true if there was one. */
  private dropApplications(app: number, a: string, b: string): boolean {
    const one = this.statements.deleteApplication.run(app, a, b).changes;
    const other = this.statements.deleteApplication.run(app, b, a).changes;
    return one + other > 0;
  }

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
  ): { result: AddFriendResult; changes: RelationChanges } {
    const { to } = request;
    return this.db.transaction((): { result: AddFriendResult; changes: RelationChanges } => {
      const refusal = addFriendRefusal(
        {
          blockedByMe: this.isBlocked(app, from, to),
          blockedByThem: this.isBlocked(app, to, from),
          alreadyFriend: this.isFriend(app, from, to),
        },
        allowType,
        to,
      );
      if (refusal) throw refusal;
      const friend = newFriendOf(request, time);
      const changes = new Changes();
      if (allowType === TYPES.ALLOW_TYPE_NEED_CONFIRM && !this.isFriend(app, to, from)) {
        const { remark, source, wording, groupName } = friend;
        this.statements.putApplication.run(app, from, to, remark, source, wording, groupName, time);
        changes.add(from, 'friendApplications').add(to, 'friendApplications');
        return { result: { userID: to, code: ErrorCode.FRIEND_APPLICATION_PENDING }, changes: changes.toJSON() };
      }
      this.insertFriend(app, from, to, friend);
      changes.add(from, 'friends');
      if (friend.groupName) changes.add(from, 'friendGroups');
      if (request.type !== TYPES.SNS_ADD_TYPE_SINGLE) {
        const back = { ...friend, remark: '', groupName: '' };
        if (this.insertFriend(app, to, from, back)) changes.add(to, 'friends');
      }
      if (this.dropApplications(app, from, to)) changes.add(from, 'friendApplications').add(to, 'friendApplications');
      return { result: { userID: to, code: 0 }, changes: changes.toJSON() };
    })();
  }

  /** `userID` accepts `applicant`'s request: the applicant gets the friend; AGREE_AND_ADD (the default) makes it both ways. */
  acceptApplication(
    app: number,
    userID: string,
    applicant: string,
    answer: FriendApplicationAnswer,
    remark: string,
    time: number,
  ): RelationChanges {
    return this.db.transaction(() => {
      const row = this.pendingFor(app, userID, applicant);
      const friend = { remark: row.remark, source: row.source, wording: row.wording, groupName: row.group_name, time };
      this.insertFriend(app, applicant, userID, friend);
      const changes = new Changes().add(applicant, 'friends', 'friendApplications').add(userID, 'friendApplications');
      if (friend.groupName) changes.add(applicant, 'friendGroups');
      if (answer === TYPES.SNS_APPLICATION_AGREE_AND_ADD) {
        this.insertFriend(app, userID, applicant, { ...friend, remark, groupName: '' });
        changes.add(userID, 'friends');
      }
      this.dropApplications(app, applicant, userID);
      return changes.toJSON();
    })();
  }

  refuseApplication(app: number, userID: string, applicant: string): RelationChanges {
    return this.db.transaction(() => {
      this.pendingFor(app, userID, applicant);
      this.statements.deleteApplication.run(app, applicant, userID);
      return new Changes().add(applicant, 'friendApplications').add(userID, 'friendApplications').toJSON();
    })();
  }

  /** Removes a request from `userID`'s own list only; the other user still sees theirs. */
  deleteApplication(app: number, userID: string, other: string, type: FriendApplicationType): RelationChanges {
    return this.db.transaction(() => {
      const [from, to] = applicationEnds(type, userID, other);
      const hide =
        type === TYPES.SNS_APPLICATION_SENT_TO_ME ? this.statements.hideFromTarget : this.statements.hideFromSender;
      if (hide.run(app, from, to).changes === 0) throw noApplicationToDelete(type, other);
      this.statements.dropHidden.run(app, from, to);
      return new Changes().add(userID, 'friendApplications').toJSON();
    })();
  }

  setApplicationsRead(app: number, userID: string): RelationChanges {
    const changed = this.statements.markRead.run(app, userID).changes > 0;
    return changed ? new Changes().add(userID, 'friendApplications').toJSON() : {};
  }

  applications(app: number, userID: string): { friendApplicationList: WireFriendApplication[]; unreadCount: number } {
    return toApplicationList(this.statements.applications.all(app, userID, userID), userID);
  }

  /** Answers the friends `userID` removed from their list; Both (the default) removes `userID` from theirs too. */
  deleteFriends(
    app: number,
    userID: string,
    friendIDs: string[],
    both: boolean,
  ): { successUserIDList: string[]; changes: RelationChanges } {
    return this.db.transaction(() => {
      const changes = new Changes();
      const successUserIDList = [...new Set(friendIDs)].filter((friendID) => {
        const removed = this.removeFriend(app, userID, friendID);
        if (removed) changes.add(userID, 'friends', 'friendGroups');
        if (both && this.removeFriend(app, friendID, userID)) changes.add(friendID, 'friends', 'friendGroups');
        return removed;
      });
      return { successUserIDList, changes: changes.toJSON() };
    })();
  }

  friendList(app: number, userID: string): WireFriend[] {
    return this.statements.friends.all(app, userID).map((row) => this.wireFriend(app, userID, row));
  }

  friendProfiles(app: number, userID: string, friendIDs: string[]): WireFriend[] {
    return friendIDs.flatMap((friendID) => {
      const row = this.statements.friend.get(app, userID, friendID);
      return row ? [this.wireFriend(app, userID, row)] : [];
    });
  }

  checkFriends(
    app: number,
    userID: string,
    otherIDs: string[],
    type: CheckFriendType,
  ): Array<{ userID: string; code: 0; relation: FriendRelation }> {
    return otherIDs.map((other) => {
      const mine = this.isFriend(app, userID, other);
      const theirs = type === TYPES.SNS_CHECK_TYPE_BOTH && this.isFriend(app, other, userID);
      const relation = relationOf(mine, theirs);
      return { userID: other, code: 0, relation };
    });
  }

  /** A remark, and custom fields merged by key; 30001 when `friendID` is not in the list. */
  updateFriend(
    app: number,
    userID: string,
    friendID: string,
    update: { remark?: string; friendCustomField?: WireFriendCustomField[] },
  ): { friend: WireFriend; changes: RelationChanges } {
    return this.db.transaction(() => {
      const row = this.statements.friend.get(app, userID, friendID);
      if (!row) throw notFriendToUpdate(friendID);
      const custom = mergeFriendCustomFields(row.custom, update.friendCustomField);
      const remark = update.remark ?? row.remark;
      this.statements.updateFriend.run(remark, custom, app, userID, friendID);
      const friend = this.wireFriend(app, userID, { ...row, remark, custom });
      return { friend, changes: new Changes().add(userID, 'friends').toJSON() };
    })();
  }

  /** Blocking ends the friendship both ways and drops the requests between them, as the reference does. */
  block(app: number, userID: string, blockedIDs: string[]): { successUserIDList: string[]; changes: RelationChanges } {
    return this.db.transaction(() => {
      const changes = new Changes().add(userID, 'blacklist');
      const successUserIDList = [...new Set(blockedIDs)];
      for (const blocked of successUserIDList) {
        this.statements.block.run(app, userID, blocked);
        if (this.removeFriend(app, userID, blocked)) changes.add(userID, 'friends', 'friendGroups');
        if (this.removeFriend(app, blocked, userID)) changes.add(blocked, 'friends', 'friendGroups');
        if (this.dropApplications(app, userID, blocked))
          changes.add(userID, 'friendApplications').add(blocked, 'friendApplications');
      }
      return { successUserIDList, changes: changes.toJSON() };
    })();
  }

  unblock(
    app: number,
    userID: string,
    blockedIDs: string[],
  ): { successUserIDList: string[]; changes: RelationChanges } {
    return this.db.transaction(() => {
      const successUserIDList = [...new Set(blockedIDs)].filter(
        (blocked) => this.statements.unblock.run(app, userID, blocked).changes > 0,
      );
      const changes = successUserIDList.length > 0 ? new Changes().add(userID, 'blacklist').toJSON() : {};
      return { successUserIDList, changes };
    })();
  }

  friendGroups(app: number, userID: string): WireFriendGroup[] {
    return this.groups.list(app, userID);
  }

  /** Puts each of `friendIDs` in the group; those who are not friends come back as failures (32216). */
  private fill(app: number, userID: string, name: string, friendIDs: string[], add: boolean) {
    const failureUserIDList: FriendGroupResult['failureUserIDList'] = [];
    for (const friendID of new Set(friendIDs)) {
      if (!this.isFriend(app, userID, friendID)) failureUserIDList.push(notFriendForGroup(friendID));
      else if (add) this.groups.put(app, userID, name, friendID);
      else this.groups.remove(app, userID, name, friendID);
    }
    const result: FriendGroupResult = { friendGroup: this.groups.group(app, userID, name), failureUserIDList };
    return { result, changes: new Changes().add(userID, 'friendGroups', 'friends').toJSON() };
  }

  createFriendGroup(app: number, userID: string, name: string, friendIDs: string[]) {
    return this.db.transaction(() => {
      this.groups.create(app, userID, name);
      return this.fill(app, userID, name, friendIDs, true);
    })();
  }

  changeFriendGroup(app: number, userID: string, name: string, friendIDs: string[], add: boolean) {
    return this.db.transaction(() => {
      this.groups.requireGroup(app, userID, name);
      return this.fill(app, userID, name, friendIDs, add);
    })();
  }

  deleteFriendGroup(app: number, userID: string, name: string) {
    return this.db.transaction(() => {
      const friendGroup = this.groups.delete(app, userID, name);
      return { friendGroup, changes: new Changes().add(userID, 'friendGroups', 'friends').toJSON() };
    })();
  }

  renameFriendGroup(app: number, userID: string, oldName: string, newName: string) {
    return this.db.transaction(() => {
      this.groups.rename(app, userID, oldName, newName);
      const friendGroup = this.groups.group(app, userID, newName);
      return { friendGroup, changes: new Changes().add(userID, 'friendGroups', 'friends').toJSON() };
    })();
  }

  blacklist(app: number, userID: string): string[] {
    return this.statements.blacklist.all(app, userID).map((row) => row.blocked_id);
  }

  /** The request `applicant` sent `userID` that `userID` still has in their list; 30001 if none. */
  private pendingFor(app: number, userID: string, applicant: string): ApplicationRow {
    const row = this.statements.application.get(app, applicant, userID);
    if (!row || row.shown_to_target !== 1) throw noApplicationToAnswer(applicant);
    return row;
  }
}
