import { TYPES, type GroupRole } from '../protocol/constants';
import { invalid, isPlainObject } from '../protocol/fields';
import type {
  GroupAttributes,
  GroupCounters,
  GroupManagementOperations,
  WireCustomField,
  WireGroupApplication,
} from '../protocol/group-management';
import { groupManagementSchemas } from '../protocol/schemas/group-management';
import { parseWith } from '../protocol/schemas/issues';
import type { ChatCore } from './chat-core';
import type { Group, GroupMember } from './groups';
import type { ChatResponse } from './types';

type Op = keyof GroupManagementOperations;
type Req<O extends Op> = GroupManagementOperations[O]['req'];
type Res<O extends Op> = GroupManagementOperations[O]['res'];

export type GroupApplication = WireGroupApplication;

export interface HandleGroupApplicationOptions {
  handleAction: 'Agree' | 'Reject';
  handleMessage?: string;
  /** The join request notice (TIMGroupSystemNoticeElem, operationType 1) that MESSAGE_RECEIVED delivered. */
  message?: { type: string; payload: Record<string, unknown> };
  /** Or an entry of getGroupApplicationList. */
  application?: Pick<GroupApplication, 'groupID' | 'applicant'>;
}

/** The group and applicant a handleGroupApplication call is about, from a notice or an application entry. */
function applicationOf(options: HandleGroupApplicationOptions): { groupID: unknown; applicant: unknown } {
  if (isPlainObject(options.application))
    return { groupID: options.application.groupID, applicant: options.application.applicant };
  const message = options.message;
  if (message && message.type === TYPES.MSG_GRP_SYS_NOTICE && isPlainObject(message.payload)) {
    const profile = message.payload.groupProfile;
    return {
      groupID: isPlainObject(profile) ? profile.groupID : undefined,
      applicant: message.payload.operatorID,
    };
  }
  throw invalid(
    'handleGroupApplication needs message (the join request notice) or application (from getGroupApplicationList).',
  );
}

/**
 * The reference's group management calls (roles, muting, profiles, join approval, attributes,
 * counters). Requests are checked with the server's own schemas; the server owns the rules.
 */
export class GroupManagementAPI {
  constructor(private readonly core: ChatCore) {}

  private async call<O extends Op>(op: O, options: unknown): Promise<ChatResponse<Res<O>>> {
    const connection = this.core.requireReady();
    const request = parseWith(groupManagementSchemas[op], options, '', op) as Req<O>;
    const data = (await connection.request(op, request)) as Res<O>;
    return { code: 0, data };
  }

  updateGroupProfile(options: Req<'updateGroupProfile'>): Promise<ChatResponse<{ group: Group }>> {
    return this.call('updateGroupProfile', options);
  }
  setGroupMemberRole(options: { groupID: string; userID: string; role: Exclude<GroupRole, 'Owner'> }) {
    return this.call('setGroupMemberRole', options);
  }
  changeGroupOwner(options: { groupID: string; newOwnerID: string }) {
    return this.call('changeGroupOwner', options);
  }
  setGroupMemberMuteTime(options: {
    groupID: string;
    userID: string;
    muteTime: number;
  }): Promise<ChatResponse<{ group: Group; member: GroupMember }>> {
    return this.call('setGroupMemberMuteTime', options);
  }
  setGroupMemberNameCard(options: { groupID: string; userID?: string; nameCard: string }) {
    return this.call('setGroupMemberNameCard', options);
  }
  setGroupMemberCustomField(options: { groupID: string; userID?: string; memberCustomField: WireCustomField[] }) {
    return this.call('setGroupMemberCustomField', options);
  }
  getGroupMemberProfile(options: {
    groupID: string;
    userIDList: string[];
  }): Promise<ChatResponse<{ memberList: GroupMember[] }>> {
    const { groupID, userIDList } = isPlainObject(options) ? options : ({} as Record<string, unknown>);
    return this.call('getGroupMemberProfile', { groupID, userIDList });
  }
  getGroupOnlineMemberCount(groupID: string): Promise<ChatResponse<{ memberCount: number }>> {
    return this.call('getGroupOnlineMemberCount', { groupID });
  }
  searchGroupByID(groupID: string): Promise<ChatResponse<{ group: Group }>> {
    return this.call('searchGroupByID', { groupID });
  }
  getGroupApplicationList(): Promise<ChatResponse<{ applicationList: GroupApplication[] }>> {
    return this.call('getGroupApplicationList', {});
  }
  async handleGroupApplication(options: HandleGroupApplicationOptions): Promise<ChatResponse<{ group: Group }>> {
    if (!isPlainObject(options)) throw invalid('handleGroupApplication takes an options object.');
    const { groupID, applicant } = applicationOf(options);
    const { handleAction, handleMessage } = options;
    return this.call('handleGroupApplication', { groupID, applicant, handleAction, handleMessage });
  }
  initGroupAttributes(options: { groupID: string; groupAttributes: GroupAttributes }) {
    return this.call('initGroupAttributes', options);
  }
  setGroupAttributes(options: { groupID: string; groupAttributes: GroupAttributes }) {
    return this.call('setGroupAttributes', options);
  }
  deleteGroupAttributes(options: { groupID: string; keyList: string[] }) {
    return this.call('deleteGroupAttributes', options);
  }
  /** An empty keyList (as the reference allows) asks for every attribute. */
  getGroupAttributes(options: { groupID: string; keyList?: string[] }) {
    return this.call('getGroupAttributes', withoutEmptyKeyList(options));
  }
  setGroupCounters(options: { groupID: string; counters: GroupCounters }) {
    return this.call('setGroupCounters', options);
  }
  increaseGroupCounter(options: { groupID: string; key: string; value: number }) {
    return this.call('increaseGroupCounter', options);
  }
  decreaseGroupCounter(options: { groupID: string; key: string; value: number }) {
    return this.call('decreaseGroupCounter', options);
  }
  getGroupCounters(options: { groupID: string; keyList?: string[] }) {
    return this.call('getGroupCounters', withoutEmptyKeyList(options));
  }
}

function withoutEmptyKeyList(options: unknown): unknown {
  if (!isPlainObject(options) || !Array.isArray(options.keyList) || options.keyList.length > 0) return options;
  return { ...options, keyList: undefined };
}
