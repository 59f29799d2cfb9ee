import type Database from 'better-sqlite3';
import { MAX_CONVERSATION_GROUPS } from '../../protocol/conversation-rules';
import { ChatError, ErrorCode } from '../../protocol/errors';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS conversation_groups (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (app, user_id, group_name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS conversation_group_members (
  app INTEGER NOT NULL,
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  group_name TEXT NOT NULL,
  PRIMARY KEY (app, user_id, conversation_id, group_name)
) WITHOUT ROWID;`;

/** Each user's conversation groups (createConversationGroup and the rest) in the SQLite store. */
export class SqliteConversationGroups {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.statements = {
      names: db.prepare<[number, string], { group_name: string }>(
        'SELECT group_name FROM conversation_groups WHERE app = ? AND user_id = ? ORDER BY created_at, group_name',
      ),
      exists: db.prepare<[number, string, string], { one: number }>(
        'SELECT 1 AS one FROM conversation_groups WHERE app = ? AND user_id = ? AND group_name = ?',
      ),
      create: db.prepare('INSERT INTO conversation_groups (app, user_id, group_name, created_at) VALUES (?, ?, ?, ?)'),
      delete: db.prepare('DELETE FROM conversation_groups WHERE app = ? AND user_id = ? AND group_name = ?'),
      rename: db.prepare(
        'UPDATE conversation_groups SET group_name = ? WHERE app = ? AND user_id = ? AND group_name = ?',
      ),
      members: db.prepare<[number, string, string], { conversation_id: string }>(
        'SELECT conversation_id FROM conversation_group_members WHERE app = ? AND user_id = ? AND group_name = ?',
      ),
      memberships: db.prepare<[number, string], { conversation_id: string; group_name: string }>(
        `SELECT m.conversation_id, m.group_name FROM conversation_group_members m
         JOIN conversation_groups g ON g.app = m.app AND g.user_id = m.user_id AND g.group_name = m.group_name
         WHERE m.app = ? AND m.user_id = ? ORDER BY g.created_at, g.group_name`,
      ),
      add: db.prepare(
        'INSERT OR IGNORE INTO conversation_group_members (app, user_id, conversation_id, group_name) VALUES (?, ?, ?, ?)',
      ),
      remove: db.prepare(
        'DELETE FROM conversation_group_members WHERE app = ? AND user_id = ? AND conversation_id = ? AND group_name = ?',
      ),
      removeGroup: db.prepare(
        'DELETE FROM conversation_group_members WHERE app = ? AND user_id = ? AND group_name = ?',
      ),
      renameMembers: db.prepare(
        'UPDATE conversation_group_members SET group_name = ? WHERE app = ? AND user_id = ? AND group_name = ?',
      ),
      leaveAll: db.prepare(
        'DELETE FROM conversation_group_members WHERE app = ? AND user_id = ? AND conversation_id = ?',
      ),
      listed: db.prepare<[number, string, string], { one: number }>(
        'SELECT 1 AS one FROM user_conversations WHERE app = ? AND user_id = ? AND conversation_id = ?',
      ),
    };
  }

  names(app: number, userID: string): string[] {
    return this.statements.names.all(app, userID).map((row) => row.group_name);
  }

  /** Each conversation's group names, oldest group first. */
  membershipsOf(app: number, userID: string): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const row of this.statements.memberships.all(app, userID))
      groups.set(row.conversation_id, [...(groups.get(row.conversation_id) ?? []), row.group_name]);
    return groups;
  }

  /** A deleted conversation leaves every group. */
  leaveAll(app: number, userID: string, conversationID: string): void {
    this.statements.leaveAll.run(app, userID, conversationID);
  }

  create(app: number, userID: string, groupName: string, conversationIDs: string[]): string[] {
    return this.db.transaction(() => {
      if (this.statements.exists.get(app, userID, groupName))
        throw new ChatError(
          ErrorCode.CONVERSATION_GROUP_NAME_TAKEN,
          `You already have a conversation group ${groupName}.`,
        );
      if (this.names(app, userID).length >= MAX_CONVERSATION_GROUPS)
        throw new ChatError(
          ErrorCode.CONVERSATION_GROUP_LIMIT,
          `You have ${MAX_CONVERSATION_GROUPS} conversation groups, the most there can be; delete one first.`,
        );
      this.statements.create.run(app, userID, groupName, Date.now());
      return this.addListed(app, userID, groupName, conversationIDs);
    })();
  }

  delete(app: number, userID: string, groupName: string): string[] {
    return this.db.transaction(() => {
      const members = this.requireGroup(app, userID, groupName);
      this.statements.delete.run(app, userID, groupName);
      this.statements.removeGroup.run(app, userID, groupName);
      return members;
    })();
  }

  rename(app: number, userID: string, oldName: string, newName: string): string[] {
    return this.db.transaction(() => {
      const members = this.requireGroup(app, userID, oldName);
      if (oldName === newName) return members;
      if (this.statements.exists.get(app, userID, newName))
        throw new ChatError(
          ErrorCode.CONVERSATION_GROUP_NAME_TAKEN,
          `You already have a conversation group ${newName}.`,
        );
      this.statements.rename.run(newName, app, userID, oldName);
      this.statements.renameMembers.run(newName, app, userID, oldName);
      return members;
    })();
  }

  add(app: number, userID: string, groupName: string, conversationIDs: string[]): string[] {
    return this.db.transaction(() => {
      this.requireGroup(app, userID, groupName);
      return this.addListed(app, userID, groupName, conversationIDs);
    })();
  }

  remove(app: number, userID: string, groupName: string, conversationIDs: string[]): string[] {
    return this.db.transaction(() => {
      this.requireGroup(app, userID, groupName);
      return conversationIDs.filter((id) => this.statements.remove.run(app, userID, id, groupName).changes > 0);
    })();
  }

  /** Only conversations in the user's list join a group; answers those. */
  private addListed(app: number, userID: string, groupName: string, conversationIDs: string[]): string[] {
    const listed = conversationIDs.filter((id) => this.statements.listed.get(app, userID, id));
    for (const id of listed) this.statements.add.run(app, userID, id, groupName);
    return listed;
  }

  private requireGroup(app: number, userID: string, groupName: string): string[] {
    if (!this.statements.exists.get(app, userID, groupName))
      throw new ChatError(ErrorCode.CONVERSATION_GROUP_NOT_FOUND, `You have no conversation group ${groupName}.`);
    return this.statements.members.all(app, userID, groupName).map((row) => row.conversation_id);
  }
}
