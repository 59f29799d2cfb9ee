import { EVENT, GROUP_TYPES, TYPES, type JoinStatus } from '../protocol/constants';
import type { CreateGroupProfile } from '../protocol/group-management';
import { createGroupProfile } from '../protocol/schemas/group-management';
import type { ChatCore } from './chat-core';
import { MAX_MEMBERS_PER_CALL } from '../protocol/limits';
import { groupID, userIDList } from '../protocol/schemas/common';
import { parseWith } from '../protocol/schemas/issues';
import type { WireGroup, WireGroupMember } from '../protocol/operations';
import type { ChatResponse } from './types';
import { describe, invalid, oneOf, own, requireNonEmptyString, requireObject, type Fields } from '../protocol/fields';

export type Group = WireGroup;
export type GroupMember = WireGroupMember;

export interface CreateGroupOptions extends CreateGroupProfile {
  name: string;
  /** TYPES.GRP_WORK (default), GRP_PUBLIC, GRP_MEETING, GRP_AVCHATROOM, GRP_COMMUNITY. */
  type?: Group['type'];
  groupID?: string;
  memberList?: Array<{ userID: string }>;
  /** Community only: the community has topics (createTopicInCommunity). */
  isSupportTopic?: boolean;
}

export interface GroupMembersOptions {
  groupID: string;
  userIDList: string[];
}

const PROFILE_FIELDS = [
  'introduction',
  'notification',
  'avatar',
  'muteAllMembers',
  'joinOption',
  'groupCustomField',
] as const;

/** The rules the server's schema applies to the same fields (protocol/schemas/common.ts). */
function groupIDOf(fields: Fields): string {
  return parseWith(groupID, own(fields, 'groupID'), 'groupID');
}

function userIDListOf(fields: Fields): string[] {
  return parseWith(userIDList(MAX_MEMBERS_PER_CALL), own(fields, 'userIDList'), 'userIDList');
}

/** The reference's group API; the server checks everything again and owns the rules. */
export class GroupAPI {
  constructor(private readonly core: ChatCore) {}

  async createGroup(
    options: CreateGroupOptions,
  ): Promise<ChatResponse<{ group: Group; overLimitUserIDList: string[] }>> {
    const connection = this.core.requireReady();
    const fields = requireObject(options, 'createGroup options');
    const req: CreateGroupOptions = { name: requireNonEmptyString(fields, 'name', 'name') };
    if (own(fields, 'type') !== undefined) req.type = oneOf(own(fields, 'type'), GROUP_TYPES, 'type');
    if (own(fields, 'groupID') !== undefined) req.groupID = groupIDOf(fields);
    const memberList = own(fields, 'memberList');
    if (memberList !== undefined) {
      if (!Array.isArray(memberList))
        throw invalid(`memberList must be an array of { userID }, got ${describe(memberList)}.`);
      req.memberList = memberList.map((member: unknown) => ({
        userID: requireNonEmptyString(requireObject(member, 'a memberList entry'), 'userID', 'memberList[].userID'),
      }));
    }
    const profile = PROFILE_FIELDS.filter((key) => own(fields, key) !== undefined);
    if (profile.length > 0) {
      const given = Object.fromEntries(profile.map((key) => [key, own(fields, key)]));
      // The server's own schema for these fields, checked here for an early, clear error.
      Object.assign(req, parseWith(createGroupProfile, given, '', 'createGroup'));
    }
    if (own(fields, 'isSupportTopic') === true) req.isSupportTopic = true;
    const { group } = await connection.request('createGroup', req);
    void this.refresh();
    return { code: 0, data: { group, overLimitUserIDList: [] } };
  }

  async joinGroup(options: {
    groupID: string;
    applyMessage?: string;
  }): Promise<ChatResponse<{ status: JoinStatus; group: Group }>> {
    const connection = this.core.requireReady();
    const fields = requireObject(options, 'joinGroup options');
    const request: { groupID: string; applyMessage?: string } = { groupID: groupIDOf(fields) };
    const applyMessage = own(fields, 'applyMessage');
    if (applyMessage !== undefined) {
      if (typeof applyMessage !== 'string')
        throw invalid(`applyMessage must be a string, got ${describe(applyMessage)}.`);
      request.applyMessage = applyMessage;
    }
    const data = await connection.request('joinGroup', request);
    if (data.status === TYPES.JOIN_STATUS_SUCCESS) void this.refresh();
    return { code: 0, data };
  }

  async quitGroup(groupID: string): Promise<ChatResponse<{ groupID: string }>> {
    const connection = this.core.requireReady();
    const data = await connection.request('quitGroup', { groupID: groupIDOf({ groupID }) });
    void this.refresh();
    return { code: 0, data };
  }

  async dismissGroup(groupID: string): Promise<ChatResponse<{ groupID: string }>> {
    const connection = this.core.requireReady();
    const data = await connection.request('dismissGroup', { groupID: groupIDOf({ groupID }) });
    void this.refresh();
    return { code: 0, data };
  }

  async getGroupList(): Promise<ChatResponse<{ groupList: Group[] }>> {
    return { code: 0, data: await this.core.requireReady().request('getGroupList', {}) };
  }

  async getGroupProfile(options: { groupID: string }): Promise<ChatResponse<{ group: Group }>> {
    const connection = this.core.requireReady();
    return {
      code: 0,
      data: await connection.request('getGroupProfile', {
        groupID: groupIDOf(requireObject(options, 'getGroupProfile options')),
      }),
    };
  }

  async getGroupMemberList(options: {
    groupID: string;
    count?: number;
    offset?: number;
  }): Promise<ChatResponse<{ memberList: GroupMember[]; offset: number }>> {
    const connection = this.core.requireReady();
    const fields = requireObject(options, 'getGroupMemberList options');
    const req: { groupID: string; count?: number; offset?: number } = { groupID: groupIDOf(fields) };
    for (const key of ['count', 'offset'] as const) {
      const value = own(fields, key);
      if (value === undefined) continue;
      if (!Number.isInteger(value) || (value as number) < 0)
        throw invalid(`${key} must be a whole number, got ${describe(value)}.`);
      req[key] = value as number;
    }
    return { code: 0, data: await connection.request('getGroupMemberList', req) };
  }

  async addGroupMember(options: GroupMembersOptions): Promise<
    ChatResponse<{
      successUserIDList: string[];
      failureUserIDList: string[];
      existedUserIDList: string[];
      group: Group;
    }>
  > {
    const connection = this.core.requireReady();
    const fields = requireObject(options, 'addGroupMember options');
    const data = await connection.request('addGroupMember', {
      groupID: groupIDOf(fields),
      userIDList: userIDListOf(fields),
    });
    return { code: 0, data: { ...data, failureUserIDList: [] } };
  }

  async deleteGroupMember(options: GroupMembersOptions): Promise<ChatResponse<{ userIDList: string[]; group: Group }>> {
    const connection = this.core.requireReady();
    const fields = requireObject(options, 'deleteGroupMember options');
    const data = await connection.request('deleteGroupMember', {
      groupID: groupIDOf(fields),
      userIDList: userIDListOf(fields),
    });
    return { code: 0, data: { userIDList: data.successUserIDList, group: data.group } };
  }

  /** Fetches the group list and emits GROUP_LIST_UPDATED: after this user's own changes and on the server's push. */
  async refresh(): Promise<void> {
    try {
      const { groupList } = await this.core.requireReady().request('getGroupList', {});
      this.core.emit(EVENT.GROUP_LIST_UPDATED, groupList);
    } catch {
      // Not ready any more, or the socket dropped: the next change or login refreshes it.
    }
  }
}
