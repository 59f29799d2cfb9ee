import type Database from 'better-sqlite3';
import type { WireFriendGroup } from '../../protocol/friends';
import { friendGroupExists, noFriendGroup } from './relation-rules';

/** Friend groups: named lists of a user's friends; a friend may be in several. Run at every open. */
export const FRIEND_GROUP_SCHEMA = `
CREATE TABLE IF NOT EXISTS friend_groups (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (app, user_id, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS friend_group_members (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  name TEXT NOT NULL,
  friend_id TEXT NOT NULL,
  PRIMARY KEY (app, user_id, name, friend_id)
) WITHOUT ROWID;
`;

/** The friend group tables; the callers (SqliteFriends) run them inside their transactions. */
export class SqliteFriendGroups {
  private readonly statements;

  constructor(db: Database.Database) {
    db.exec(FRIEND_GROUP_SCHEMA);
    this.statements = {
      insertGroup: db.prepare('INSERT OR IGNORE INTO friend_groups (app, user_id, name) VALUES (?, ?, ?)'),
      group: db.prepare<[number, string, string], { one: number }>(
        'SELECT 1 AS one FROM friend_groups WHERE app = ? AND user_id = ? AND name = ?',
      ),
      groups: db.prepare<[number, string], { name: string }>(
        'SELECT name FROM friend_groups WHERE app = ? AND user_id = ? ORDER BY name',
      ),
      deleteGroup: db.prepare('DELETE FROM friend_groups WHERE app = ? AND user_id = ? AND name = ?'),
      renameGroup: db.prepare('UPDATE friend_groups SET name = ? WHERE app = ? AND user_id = ? AND name = ?'),
      add: db.prepare('INSERT OR IGNORE INTO friend_group_members (app, user_id, name, friend_id) VALUES (?, ?, ?, ?)'),
      remove: db.prepare(
        'DELETE FROM friend_group_members WHERE app = ? AND user_id = ? AND name = ? AND friend_id = ?',
      ),
      members: db.prepare<[number, string, string], { friend_id: string }>(
        'SELECT friend_id FROM friend_group_members WHERE app = ? AND user_id = ? AND name = ? ORDER BY friend_id',
      ),
      groupsOf: db.prepare<[number, string, string], { name: string }>(
        'SELECT name FROM friend_group_members WHERE app = ? AND user_id = ? AND friend_id = ? ORDER BY name',
      ),
      dropMembers: db.prepare('DELETE FROM friend_group_members WHERE app = ? AND user_id = ? AND name = ?'),
      renameMembers: db.prepare('UPDATE friend_group_members SET name = ? WHERE app = ? AND user_id = ? AND name = ?'),
      forget: db.prepare('DELETE FROM friend_group_members WHERE app = ? AND user_id = ? AND friend_id = ?'),
    };
  }

  exists(app: number, userID: string, name: string): boolean {
    return this.statements.group.get(app, userID, name) !== undefined;
  }

  requireGroup(app: number, userID: string, name: string): void {
    if (!this.exists(app, userID, name)) throw noFriendGroup(name);
  }

  create(app: number, userID: string, name: string): void {
    if (this.exists(app, userID, name)) throw friendGroupExists(name);
    this.statements.insertGroup.run(app, userID, name);
  }

  /** Puts a friend in a group, making the group if it is new (addFriend's groupName does this). */
  put(app: number, userID: string, name: string, friendID: string): void {
    this.statements.insertGroup.run(app, userID, name);
    this.statements.add.run(app, userID, name, friendID);
  }

  remove(app: number, userID: string, name: string, friendID: string): void {
    this.statements.remove.run(app, userID, name, friendID);
  }

  delete(app: number, userID: string, name: string): WireFriendGroup {
    const group = this.group(app, userID, name);
    this.statements.dropMembers.run(app, userID, name);
    this.statements.deleteGroup.run(app, userID, name);
    return group;
  }

  rename(app: number, userID: string, oldName: string, newName: string): void {
    this.requireGroup(app, userID, oldName);
    if (this.exists(app, userID, newName)) throw friendGroupExists(newName);
    this.statements.renameGroup.run(newName, app, userID, oldName);
    this.statements.renameMembers.run(newName, app, userID, oldName);
  }

  group(app: number, userID: string, name: string): WireFriendGroup {
    this.requireGroup(app, userID, name);
    const userIDList = this.statements.members.all(app, userID, name).map((row) => row.friend_id);
    return { name, count: userIDList.length, userIDList };
  }

  list(app: number, userID: string): WireFriendGroup[] {
    return this.statements.groups.all(app, userID).map(({ name }) => this.group(app, userID, name));
  }

  groupsOf(app: number, userID: string, friendID: string): string[] {
    return this.statements.groupsOf.all(app, userID, friendID).map((row) => row.name);
  }

  /** A friend who is no longer one leaves every group of `userID`'s. */
  forget(app: number, userID: string, friendID: string): void {
    this.statements.forget.run(app, userID, friendID);
  }
}
