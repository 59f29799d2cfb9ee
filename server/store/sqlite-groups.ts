import type Database from 'better-sqlite3';
import { TYPES } from '../../protocol/constants';
import type { WireGroup, WireGroupMember } from '../../protocol/operations';
import type { NewGroup } from './store';
import { communityOfTopic } from '../../protocol/topics';
import { groupIDOfDismissedGroup, groupIDTaken, toGroup, toMember, type GroupRow, type MemberRow } from './group-rows';

const GROUP_SELECT = `SELECT g.group_id, g.name, g.type, g.owner_id, g.create_time,
  (SELECT COUNT(*) FROM group_members c WHERE c.app = g.app AND c.group_id = g.group_id) AS member_count,
  m.role, m.join_time, g.introduction, g.notification, g.avatar, g.join_option, g.mute_all, g.custom,
  m.mute_until, m.name_card
  FROM groups g LEFT JOIN group_members m ON m.app = g.app AND m.group_id = g.group_id AND m.user_id = ?`;

/** The group tables of the SQLite store. Synchronous: the store calls it inside its own transactions. */
export class SqliteGroups {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      insertGroup: db.prepare(
        'INSERT INTO groups (app, group_id, name, type, owner_id, create_time) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      groupExists: db.prepare<[number, string], { one: number }>(
        'SELECT 1 AS one FROM groups WHERE app = ? AND group_id = ?',
      ),
      wasDismissed: db.prepare<[number, string], { one: number }>(
        'SELECT 1 AS one FROM dismissed_groups WHERE app = ? AND group_id = ?',
      ),
      rememberDismissed: db.prepare('INSERT OR IGNORE INTO dismissed_groups (app, group_id) VALUES (?, ?)'),
      group: db.prepare<[string, number, string], GroupRow>(`${GROUP_SELECT} WHERE g.app = ? AND g.group_id = ?`),
      groupsOf: db.prepare<[string, number, string], GroupRow>(
        `${GROUP_SELECT} WHERE g.app = ? AND m.user_id IS NOT NULL AND m.user_id = ? ORDER BY g.create_time, g.group_id`,
      ),
      insertMember: db.prepare(
        'INSERT OR IGNORE INTO group_members (app, group_id, user_id, role, join_time) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteMember: db.prepare('DELETE FROM group_members WHERE app = ? AND group_id = ? AND user_id = ?'),
      members: db.prepare<[number, string], MemberRow>(
        'SELECT user_id, role, join_time, name_card, mute_until, custom FROM group_members WHERE app = ? AND group_id = ? ORDER BY join_time, user_id',
      ),
      deleteGroup: db.prepare('DELETE FROM groups WHERE app = ? AND group_id = ?'),
      deleteMembers: db.prepare('DELETE FROM group_members WHERE app = ? AND group_id = ?'),
      topicCommunity: db.prepare<[number, string], { group_id: string }>(
        'SELECT group_id FROM topics WHERE app = ? AND topic_id = ?',
      ),
    };
  }

  exists(app: number, groupID: string): boolean {
    return this.statements.groupExists.get(app, groupID) !== undefined;
  }

  /** Who is in a group conversation: the group's members, or for a topic (GROUP<topicID>) its community's; null if there is neither. */
  conversationMemberIDs(app: number, groupID: string): string[] | null {
    const owner = communityOfTopic(groupID) ? this.statements.topicCommunity.get(app, groupID)?.group_id : groupID;
    return owner !== undefined && this.exists(app, owner) ? this.memberIDs(app, owner) : null;
  }

  memberIDs(app: number, groupID: string): string[] {
    return this.statements.members.all(app, groupID).map((row) => row.user_id);
  }

  create(app: number, group: NewGroup, memberIDs: string[]): void {
    this.db.transaction(() => {
      if (this.exists(app, group.groupID)) throw groupIDTaken(group.groupID);
      if (this.statements.wasDismissed.get(app, group.groupID)) throw groupIDOfDismissedGroup(group.groupID);
      this.statements.insertGroup.run(app, group.groupID, group.name, group.type, group.ownerID, group.createTime);
      this.statements.insertMember.run(app, group.groupID, group.ownerID, TYPES.GRP_MBR_ROLE_OWNER, group.createTime);
      for (const userID of memberIDs)
        this.statements.insertMember.run(app, group.groupID, userID, TYPES.GRP_MBR_ROLE_MEMBER, group.createTime);
    })();
  }

  get(app: number, groupID: string, viewer = ''): WireGroup | null {
    const row = this.statements.group.get(viewer, app, groupID);
    return row ? toGroup(row) : null;
  }

  listOf(app: number, userID: string): WireGroup[] {
    return this.statements.groupsOf.all(userID, app, userID).map(toGroup);
  }

  members(app: number, groupID: string): WireGroupMember[] {
    return this.statements.members.all(app, groupID).map(toMember);
  }

  add(app: number, groupID: string, userIDs: string[], joinTime: number): { added: string[]; existed: string[] } {
    return this.db.transaction(() => {
      const added: string[] = [];
      const existed: string[] = [];
      for (const userID of new Set(userIDs)) {
        const changes = this.statements.insertMember.run(
          app,
          groupID,
          userID,
          TYPES.GRP_MBR_ROLE_MEMBER,
          joinTime,
        ).changes;
        (changes > 0 ? added : existed).push(userID);
      }
      return { added, existed };
    })();
  }

  remove(app: number, groupID: string, userIDs: string[]): string[] {
    return this.db.transaction(() =>
      [...new Set(userIDs)].filter((userID) => this.statements.deleteMember.run(app, groupID, userID).changes > 0),
    )();
  }

  delete(app: number, groupID: string): string[] {
    return this.db.transaction(() => {
      const members = this.memberIDs(app, groupID);
      this.statements.deleteMembers.run(app, groupID);
      this.statements.deleteGroup.run(app, groupID);
      this.statements.rememberDismissed.run(app, groupID);
      return members;
    })();
  }
}
