import type { GroupRole, JoinOption } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import type { GroupAttributes, GroupCounters, WireCustomField } from '../../protocol/group-management';
import { defaultJoinOption } from '../../protocol/group-rules';
import type { WireGroup, WireGroupMember } from '../../protocol/operations';
import type { AttributeWrite, CounterWrite } from './group-management-store';

/**
 * What the SQLite and PostgreSQL stores share about groups: the rows of their (identical) group
 * tables, how a row becomes wire data, and the pure rules of a write. No database access here.
 */

/** A group as GROUP_SELECT reads it: the group's columns, its member count and the viewer's membership (null outside). */
export interface GroupRow {
  group_id: string;
  name: string;
  type: WireGroup['type'];
  owner_id: string;
  create_time: number;
  member_count: number;
  role: GroupRole | null;
  join_time: number | null;
  introduction: string;
  notification: string;
  avatar: string;
  join_option: JoinOption | null;
  mute_all: number;
  custom: string;
  mute_until: number | null;
  name_card: string | null;
}

export interface MemberRow {
  user_id: string;
  role: GroupRole;
  join_time: number;
  name_card: string;
  mute_until: number;
  custom: string;
}

/** The `groups` columns updateGroupProfile sets as they come, by the name of the change. */
export const PROFILE_COLUMNS = {
  name: 'name',
  introduction: 'introduction',
  notification: 'notification',
  avatar: 'avatar',
  joinOption: 'join_option',
} as const;

export function groupIDTaken(groupID: string): ChatError {
  return new ChatError(
    ErrorCode.GROUP_ID_TAKEN,
    `Group ID ${groupID} is already used; pick another or leave groupID out.`,
  );
}

export function groupIDOfDismissedGroup(groupID: string): ChatError {
  return new ChatError(
    ErrorCode.GROUP_ID_TAKEN,
    `Group ID ${groupID} belonged to a dismissed group and is never reused; pick another or leave groupID out.`,
  );
}

export function toGroup(row: GroupRow): WireGroup {
  const group: WireGroup = {
    groupID: row.group_id,
    name: row.name,
    type: row.type,
    ownerID: row.owner_id,
    createTime: row.create_time,
    memberCount: row.member_count,
    introduction: row.introduction,
    notification: row.notification,
    avatar: row.avatar,
    joinOption: row.join_option ?? defaultJoinOption(row.type),
    muteAllMembers: row.mute_all === 1,
    groupCustomField: JSON.parse(row.custom) as WireCustomField[],
  };
  if (row.role && row.join_time !== null)
    group.selfInfo = {
      role: row.role,
      joinTime: row.join_time,
      muteUntil: row.mute_until ?? 0,
      nameCard: row.name_card ?? '',
    };
  return group;
}

export function toMember(row: MemberRow): WireGroupMember {
  return {
    userID: row.user_id,
    role: row.role,
    joinTime: row.join_time,
    nameCard: row.name_card,
    muteUntil: row.mute_until,
    memberCustomField: JSON.parse(row.custom) as WireCustomField[],
  };
}

/** Custom fields merged by key: a new value replaces the old, an empty one deletes it. */
export function mergeFields(stored: string, changes: WireCustomField[]): string {
  const merged = new Map((JSON.parse(stored) as WireCustomField[]).map((field) => [field.key, field.value]));
  for (const { key, value } of changes) {
    if (value === '') merged.delete(key);
    else merged.set(key, value);
  }
  return JSON.stringify([...merged].map(([key, value]) => ({ key, value })));
}

/** Every attribute after `write`, from the stored ones. */
export function applyAttributeWrite(stored: GroupAttributes, write: AttributeWrite): GroupAttributes {
  if (write.mode === 'init') return { ...write.attributes };
  if (write.mode === 'set') return { ...stored, ...write.attributes };
  const attributes = { ...stored };
  for (const key of write.keys) delete attributes[key];
  return attributes;
}

/** Every counter after `write`, from the stored ones. */
export function applyCounterWrite(stored: GroupCounters, write: CounterWrite): GroupCounters {
  // A Map, so that a key such as __proto__ is a key like any other.
  const counters = new Map(Object.entries(stored));
  if (write.mode === 'set') for (const [key, value] of Object.entries(write.counters)) counters.set(key, value);
  else counters.set(write.key, (counters.get(write.key) ?? 0) + write.delta);
  return Object.fromEntries(counters);
}
