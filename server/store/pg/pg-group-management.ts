import { TYPES } from '../../../protocol/constants';
import type { GroupAttributes, GroupCounters } from '../../../protocol/group-management';
import type { WireGroupMember } from '../../../protocol/operations';
import type {
  AttributeWrite,
  CounterWrite,
  GroupManagementStore,
  GroupProfileChanges,
  MemberChanges,
  StoredGroupApplication,
} from '../group-management-store';
import {
  applyAttributeWrite,
  applyCounterWrite,
  mergeFields,
  PROFILE_COLUMNS,
  toMember,
  type MemberRow,
} from '../group-rows';
import type { PgDatabase, Queryable } from './pg-database';
import { MEMBER_COLUMNS } from './pg-groups';

type JSONColumn = 'custom' | 'attributes' | 'counters';

/**
 * A JSON column of a group, read under the group row's lock when `forUpdate`: a read-modify-write
 * in one transaction then excludes every other node's until it commits. Undefined without the group.
 */
async function groupJSON(
  db: Queryable,
  app: number,
  groupID: string,
  column: JSONColumn,
  forUpdate: boolean,
): Promise<string | undefined> {
  // The column name is one of the three above, never from a request.
  const { rows } = await db.query<Record<JSONColumn, string>>(
    `SELECT ${column} FROM groups WHERE app = $1 AND group_id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [app, groupID],
  );
  return rows[0]?.[column];
}

async function setGroupJSON(db: Queryable, app: number, groupID: string, column: JSONColumn, value: string) {
  await db.query(`UPDATE groups SET ${column} = $3 WHERE app = $1 AND group_id = $2`, [app, groupID, value]);
}

async function setRole(db: Queryable, app: number, groupID: string, userID: string, role: string): Promise<void> {
  await db.query('UPDATE group_members SET role = $4 WHERE app = $1 AND group_id = $2 AND user_id = $3', [
    app,
    groupID,
    userID,
    role,
  ]);
}

/**
 * `column = $n, …` for each change that is not undefined, its value appended to `values` (which
 * already hold the WHERE clause's). Column names come from this file's constants, never from a request.
 */
function assignments(values: unknown[], changes: ReadonlyArray<readonly [column: string, value: unknown]>): string {
  const set: string[] = [];
  for (const [column, value] of changes) {
    if (value === undefined) continue;
    values.push(value);
    set.push(`${column} = $${values.length}`);
  }
  return set.join(', ');
}

/** The group management columns and tables on PostgreSQL (sqlite-group-management.ts). */
export class PgGroupManagement implements GroupManagementStore {
  constructor(private readonly db: PgDatabase) {}

  async updateGroupProfile(app: number, groupID: string, changes: GroupProfileChanges): Promise<void> {
    await this.db.transaction(async (client) => {
      const { groupCustomField, muteAllMembers } = changes;
      const stored = groupCustomField ? await groupJSON(client, app, groupID, 'custom', true) : undefined;
      const values: unknown[] = [app, groupID];
      const set = assignments(values, [
        ...Object.entries(PROFILE_COLUMNS).map(
          ([field, column]) => [column, changes[field as keyof typeof PROFILE_COLUMNS]] as const,
        ),
        ['mute_all', muteAllMembers === undefined ? undefined : Number(muteAllMembers)],
        ['custom', stored !== undefined && groupCustomField ? mergeFields(stored, groupCustomField) : undefined],
      ]);
      if (set) await client.query(`UPDATE groups SET ${set} WHERE app = $1 AND group_id = $2`, values);
    });
  }

  async updateGroupMember(app: number, groupID: string, userID: string, changes: MemberChanges): Promise<boolean> {
    return this.db.transaction(async (client) => {
      const { rows } = await client.query<{ custom: string }>(
        'SELECT custom FROM group_members WHERE app = $1 AND group_id = $2 AND user_id = $3 FOR UPDATE',
        [app, groupID, userID],
      );
      if (!rows[0]) return false;
      const { memberCustomField } = changes;
      const values: unknown[] = [app, groupID, userID];
      const set = assignments(values, [
        ['role', changes.role],
        ['mute_until', changes.muteUntil],
        ['name_card', changes.nameCard],
        ['custom', memberCustomField ? mergeFields(rows[0].custom, memberCustomField) : undefined],
      ]);
      if (set)
        await client.query(`UPDATE group_members SET ${set} WHERE app = $1 AND group_id = $2 AND user_id = $3`, values);
      return true;
    });
  }

  async changeGroupOwner(app: number, groupID: string, oldOwnerID: string, newOwnerID: string): Promise<void> {
    await this.db.transaction(async (client) => {
      await client.query('UPDATE groups SET owner_id = $3 WHERE app = $1 AND group_id = $2', [
        app,
        groupID,
        newOwnerID,
      ]);
      await setRole(client, app, groupID, oldOwnerID, TYPES.GRP_MBR_ROLE_MEMBER);
      await setRole(client, app, groupID, newOwnerID, TYPES.GRP_MBR_ROLE_OWNER);
    });
  }

  async getGroupMemberProfiles(app: number, groupID: string, userIDs: string[]): Promise<WireGroupMember[]> {
    const rows = await this.db.query<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM group_members WHERE app = $1 AND group_id = $2 AND user_id = ANY($3::text[])`,
      [app, groupID, userIDs],
    );
    const byID = new Map(rows.map((row) => [row.user_id, toMember(row)]));
    return userIDs.flatMap((userID) => byID.get(userID) ?? []);
  }

  async addGroupApplication(app: number, application: StoredGroupApplication): Promise<boolean> {
    const { groupID, applicant, note, time } = application;
    // xmax is 0 on a row this statement inserted, the updating transaction's ID on one it renewed.
    const rows = await this.db.query<{ inserted: boolean }>(
      `INSERT INTO group_applications AS a (app, group_id, applicant, note, time) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (app, group_id, applicant) DO UPDATE SET time = excluded.time,
         note = CASE WHEN excluded.note = '' THEN a.note ELSE excluded.note END
       RETURNING (xmax = 0) AS inserted`,
      [app, groupID, applicant, note, time],
    );
    return rows[0].inserted;
  }

  async getGroupApplications(app: number, groupIDs: string[]): Promise<StoredGroupApplication[]> {
    return this.db.query<StoredGroupApplication>(
      `SELECT g.group_id AS "groupID", a.applicant, a.note, a.time
       FROM unnest($2::text[]) WITH ORDINALITY AS g(group_id, n)
       JOIN group_applications a ON a.app = $1 AND a.group_id = g.group_id
       ORDER BY g.n, a.time, a.applicant COLLATE "C"`,
      [app, groupIDs],
    );
  }

  async takeGroupApplication(app: number, groupID: string, applicant: string) {
    const rows = await this.db.query<{ note: string; time: number }>(
      'DELETE FROM group_applications WHERE app = $1 AND group_id = $2 AND applicant = $3 RETURNING note, time',
      [app, groupID, applicant],
    );
    return rows[0] ? { groupID, applicant, ...rows[0] } : null;
  }

  async getGroupAttributes(app: number, groupID: string): Promise<GroupAttributes> {
    const stored = await groupJSON(this.db.pool, app, groupID, 'attributes', false);
    return stored ? (JSON.parse(stored) as GroupAttributes) : {};
  }

  async writeGroupAttributes(app: number, groupID: string, write: AttributeWrite): Promise<GroupAttributes> {
    return this.db.transaction(async (client) => {
      const stored = await groupJSON(client, app, groupID, 'attributes', true);
      const attributes = applyAttributeWrite(stored ? (JSON.parse(stored) as GroupAttributes) : {}, write);
      await setGroupJSON(client, app, groupID, 'attributes', JSON.stringify(attributes));
      return attributes;
    });
  }

  async getGroupCounters(app: number, groupID: string): Promise<GroupCounters> {
    const stored = await groupJSON(this.db.pool, app, groupID, 'counters', false);
    return stored ? (JSON.parse(stored) as GroupCounters) : {};
  }

  async writeGroupCounters(app: number, groupID: string, write: CounterWrite): Promise<GroupCounters> {
    return this.db.transaction(async (client) => {
      const stored = await groupJSON(client, app, groupID, 'counters', true);
      const counters = applyCounterWrite(stored ? (JSON.parse(stored) as GroupCounters) : {}, write);
      await setGroupJSON(client, app, groupID, 'counters', JSON.stringify(counters));
      return counters;
    });
  }
}
