import { TYPES } from '../../../protocol/constants';
import type { WireGroup, WireGroupMember } from '../../../protocol/operations';
import { groupIDOfDismissedGroup, groupIDTaken, toGroup, toMember, type GroupRow, type MemberRow } from '../group-rows';
import type { GroupStore, NewGroup } from '../store';
import type { PgDatabase } from './pg-database';

/** A group with its member count and the viewer's ($1) membership; the caller adds the WHERE on g. */
const GROUP_SELECT = `SELECT g.group_id, g.name, g.type, g.owner_id, g.create_time,
  (SELECT COUNT(*) FROM group_members c WHERE c.app = g.app AND c.group_id = g.group_id) AS member_count,
  m.role, m.join_time, g.introduction, g.notification, g.avatar, g.join_option, g.mute_all, g.custom,
  m.mute_until, m.name_card
  FROM groups g LEFT JOIN group_members m ON m.app = g.app AND m.group_id = g.group_id AND m.user_id = $1`;

export const MEMBER_COLUMNS = 'user_id, role, join_time, name_card, mute_until, custom';

/** Groups and their members on PostgreSQL (sqlite-groups.ts). Text orders are binary (COLLATE "C"), as in SQLite. */
export class PgGroups implements GroupStore {
  constructor(private readonly db: PgDatabase) {}

  async createGroup(app: number, group: NewGroup, memberIDs: string[]): Promise<void> {
    await this.db.transaction(async (client) => {
      // Inserting first, then looking for a dismissal: a concurrent deleteGroup holds the row, so this
      // insert waits for it and the next statement sees the dismissal it committed.
      const { rowCount } = await client.query(
        `INSERT INTO groups (app, group_id, name, type, owner_id, create_time) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (app, group_id) DO NOTHING`,
        [app, group.groupID, group.name, group.type, group.ownerID, group.createTime],
      );
      if (rowCount === 0) throw groupIDTaken(group.groupID);
      const dismissed = await client.query('SELECT 1 FROM dismissed_groups WHERE app = $1 AND group_id = $2', [
        app,
        group.groupID,
      ]);
      if (dismissed.rows.length > 0) throw groupIDOfDismissedGroup(group.groupID);
      const userIDs = [group.ownerID, ...memberIDs];
      const roles = userIDs.map((_, i) => (i === 0 ? TYPES.GRP_MBR_ROLE_OWNER : TYPES.GRP_MBR_ROLE_MEMBER));
      await client.query(
        `INSERT INTO group_members (app, group_id, user_id, role, join_time)
         SELECT $1, $2, u.user_id, u.role, $5 FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS u(user_id, role, n)
         ORDER BY u.n
         ON CONFLICT DO NOTHING`,
        [app, group.groupID, userIDs, roles, group.createTime],
      );
    });
  }

  async getGroup(app: number, groupID: string, viewer = ''): Promise<WireGroup | null> {
    const rows = await this.db.query<GroupRow>(`${GROUP_SELECT} WHERE g.app = $2 AND g.group_id = $3`, [
      viewer,
      app,
      groupID,
    ]);
    return rows[0] ? toGroup(rows[0]) : null;
  }

  async getGroupMembers(app: number, groupID: string): Promise<WireGroupMember[]> {
    const rows = await this.db.query<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM group_members WHERE app = $1 AND group_id = $2 ORDER BY join_time, user_id COLLATE "C"`,
      [app, groupID],
    );
    return rows.map(toMember);
  }

  async getGroupList(app: number, userID: string): Promise<WireGroup[]> {
    const rows = await this.db.query<GroupRow>(
      `${GROUP_SELECT} WHERE g.app = $2 AND m.user_id IS NOT NULL ORDER BY g.create_time, g.group_id COLLATE "C"`,
      [userID, app],
    );
    return rows.map(toGroup);
  }

  async addGroupMembers(
    app: number,
    groupID: string,
    userIDs: string[],
    joinTime: number,
  ): Promise<{ added: string[]; existed: string[] }> {
    const unique = [...new Set(userIDs)];
    const rows = await this.db.query<{ user_id: string }>(
      `INSERT INTO group_members (app, group_id, user_id, role, join_time)
       SELECT $1, $2, u.user_id, $4, $5 FROM unnest($3::text[]) AS u(user_id)
       ON CONFLICT DO NOTHING RETURNING user_id`,
      [app, groupID, unique, TYPES.GRP_MBR_ROLE_MEMBER, joinTime],
    );
    const inserted = new Set(rows.map((row) => row.user_id));
    return {
      added: unique.filter((userID) => inserted.has(userID)),
      existed: unique.filter((userID) => !inserted.has(userID)),
    };
  }

  async removeGroupMembers(app: number, groupID: string, userIDs: string[]): Promise<string[]> {
    const unique = [...new Set(userIDs)];
    const rows = await this.db.query<{ user_id: string }>(
      'DELETE FROM group_members WHERE app = $1 AND group_id = $2 AND user_id = ANY($3::text[]) RETURNING user_id',
      [app, groupID, unique],
    );
    const removed = new Set(rows.map((row) => row.user_id));
    return unique.filter((userID) => removed.has(userID));
  }

  async deleteGroup(app: number, groupID: string): Promise<string[]> {
    return this.db.transaction(async (client) => {
      // The members as deleted (not as read before): one who joins meanwhile is both removed and answered.
      const { rows } = await client.query<{ user_id: string }>(
        `WITH gone AS (DELETE FROM group_members WHERE app = $1 AND group_id = $2 RETURNING user_id, join_time)
         SELECT user_id FROM gone ORDER BY join_time, user_id COLLATE "C"`,
        [app, groupID],
      );
      await client.query('DELETE FROM groups WHERE app = $1 AND group_id = $2', [app, groupID]);
      await client.query('INSERT INTO dismissed_groups (app, group_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        app,
        groupID,
      ]);
      return rows.map((row) => row.user_id);
    });
  }
}
