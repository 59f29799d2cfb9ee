import type Database from 'better-sqlite3';
import { TYPES } from '../../protocol/constants';
import type { GroupAttributes, GroupCounters } from '../../protocol/group-management';
import type { WireGroupMember } from '../../protocol/operations';
import type {
  AttributeWrite,
  CounterWrite,
  GroupProfileChanges,
  MemberChanges,
  StoredGroupApplication,
} from './group-management-store';
import {
  applyAttributeWrite,
  applyCounterWrite,
  mergeFields,
  PROFILE_COLUMNS,
  toMember,
  type MemberRow,
} from './group-rows';

/** The group management tables and columns of the SQLite store (sqlite-group-schema.ts). Synchronous, like SqliteGroups. */
export class SqliteGroupManagement {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      groupJSON: db.prepare<[number, string], { custom: string; attributes: string; counters: string }>(
        'SELECT custom, attributes, counters FROM groups WHERE app = ? AND group_id = ?',
      ),
      setGroupCustom: db.prepare('UPDATE groups SET custom = ? WHERE app = ? AND group_id = ?'),
      setMuteAll: db.prepare('UPDATE groups SET mute_all = ? WHERE app = ? AND group_id = ?'),
      setAttributes: db.prepare('UPDATE groups SET attributes = ? WHERE app = ? AND group_id = ?'),
      setCounters: db.prepare('UPDATE groups SET counters = ? WHERE app = ? AND group_id = ?'),
      setOwner: db.prepare('UPDATE groups SET owner_id = ? WHERE app = ? AND group_id = ?'),
      member: db.prepare<[number, string, string], MemberRow>(
        'SELECT user_id, role, join_time, name_card, mute_until, custom FROM group_members WHERE app = ? AND group_id = ? AND user_id = ?',
      ),
      setRole: db.prepare('UPDATE group_members SET role = ? WHERE app = ? AND group_id = ? AND user_id = ?'),
      setMuteUntil: db.prepare(
        'UPDATE group_members SET mute_until = ? WHERE app = ? AND group_id = ? AND user_id = ?',
      ),
      setNameCard: db.prepare('UPDATE group_members SET name_card = ? WHERE app = ? AND group_id = ? AND user_id = ?'),
      setMemberCustom: db.prepare('UPDATE group_members SET custom = ? WHERE app = ? AND group_id = ? AND user_id = ?'),
      application: db.prepare<[number, string, string], { note: string; time: number }>(
        'SELECT note, time FROM group_applications WHERE app = ? AND group_id = ? AND applicant = ?',
      ),
      saveApplication: db.prepare(
        `INSERT INTO group_applications (app, group_id, applicant, note, time) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (app, group_id, applicant) DO UPDATE SET time = excluded.time,
           note = CASE WHEN excluded.note = '' THEN note ELSE excluded.note END`,
      ),
      applicationsOf: db.prepare<[number, string], { applicant: string; note: string; time: number }>(
        'SELECT applicant, note, time FROM group_applications WHERE app = ? AND group_id = ? ORDER BY time, applicant',
      ),
      deleteApplication: db.prepare('DELETE FROM group_applications WHERE app = ? AND group_id = ? AND applicant = ?'),
    };
  }

  updateProfile(app: number, groupID: string, changes: GroupProfileChanges): void {
    this.db.transaction(() => {
      for (const [field, column] of Object.entries(PROFILE_COLUMNS)) {
        const value = changes[field as keyof typeof PROFILE_COLUMNS];
        // Column names come from the constant above, never from the request.
        if (value !== undefined)
          this.db.prepare(`UPDATE groups SET ${column} = ? WHERE app = ? AND group_id = ?`).run(value, app, groupID);
      }
      if (changes.muteAllMembers !== undefined)
        this.statements.setMuteAll.run(changes.muteAllMembers ? 1 : 0, app, groupID);
      const stored = this.statements.groupJSON.get(app, groupID);
      if (changes.groupCustomField && stored)
        this.statements.setGroupCustom.run(mergeFields(stored.custom, changes.groupCustomField), app, groupID);
    })();
  }

  updateMember(app: number, groupID: string, userID: string, changes: MemberChanges): boolean {
    return this.db.transaction(() => {
      const row = this.statements.member.get(app, groupID, userID);
      if (!row) return false;
      if (changes.role !== undefined) this.statements.setRole.run(changes.role, app, groupID, userID);
      if (changes.muteUntil !== undefined) this.statements.setMuteUntil.run(changes.muteUntil, app, groupID, userID);
      if (changes.nameCard !== undefined) this.statements.setNameCard.run(changes.nameCard, app, groupID, userID);
      if (changes.memberCustomField)
        this.statements.setMemberCustom.run(mergeFields(row.custom, changes.memberCustomField), app, groupID, userID);
      return true;
    })();
  }

  changeOwner(app: number, groupID: string, oldOwnerID: string, newOwnerID: string): void {
    this.db.transaction(() => {
      this.statements.setOwner.run(newOwnerID, app, groupID);
      this.statements.setRole.run(TYPES.GRP_MBR_ROLE_MEMBER, app, groupID, oldOwnerID);
      this.statements.setRole.run(TYPES.GRP_MBR_ROLE_OWNER, app, groupID, newOwnerID);
    })();
  }

  memberProfiles(app: number, groupID: string, userIDs: string[]): WireGroupMember[] {
    return userIDs.flatMap((userID) => {
      const row = this.statements.member.get(app, groupID, userID);
      return row ? [toMember(row)] : [];
    });
  }

  addApplication(app: number, application: StoredGroupApplication): boolean {
    return this.db.transaction(() => {
      const { groupID, applicant, note, time } = application;
      const waiting = this.statements.application.get(app, groupID, applicant) !== undefined;
      this.statements.saveApplication.run(app, groupID, applicant, note, time);
      return !waiting;
    })();
  }

  applications(app: number, groupIDs: string[]): StoredGroupApplication[] {
    return groupIDs.flatMap((groupID) =>
      this.statements.applicationsOf.all(app, groupID).map((row) => ({ groupID, ...row })),
    );
  }

  takeApplication(app: number, groupID: string, applicant: string): StoredGroupApplication | null {
    return this.db.transaction(() => {
      const row = this.statements.application.get(app, groupID, applicant);
      if (!row) return null;
      this.statements.deleteApplication.run(app, groupID, applicant);
      return { groupID, applicant, ...row };
    })();
  }

  attributes(app: number, groupID: string): GroupAttributes {
    const stored = this.statements.groupJSON.get(app, groupID);
    return stored ? (JSON.parse(stored.attributes) as GroupAttributes) : {};
  }

  writeAttributes(app: number, groupID: string, write: AttributeWrite): GroupAttributes {
    return this.db.transaction(() => {
      const attributes = applyAttributeWrite(this.attributes(app, groupID), write);
      this.statements.setAttributes.run(JSON.stringify(attributes), app, groupID);
      return attributes;
    })();
  }

  counters(app: number, groupID: string): GroupCounters {
    const stored = this.statements.groupJSON.get(app, groupID);
    return stored ? (JSON.parse(stored.counters) as GroupCounters) : {};
  }

  writeCounters(app: number, groupID: string, write: CounterWrite): GroupCounters {
    return this.db.transaction(() => {
      const counters = applyCounterWrite(this.counters(app, groupID), write);
      this.statements.setCounters.run(JSON.stringify(counters), app, groupID);
      return counters;
    })();
  }
}
