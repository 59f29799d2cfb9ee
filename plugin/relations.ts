import type { ChatCore } from './chat-core';
import { EVENT } from '../protocol/constants';
import { ErrorCode } from '../protocol/errors';
import type {
  AddFriendRequest,
  CheckFriendType,
  DeleteFriendType,
  FriendApplicationAnswer,
  FriendApplicationType,
  FriendRelation,
  RelationList,
  WireFriend,
  WireFriendApplication,
  WireFriendCustomField,
  WireFriendGroup,
  FriendGroupResult,
} from '../protocol/friends';
import type { FriendOperations } from '../protocol/friends';
import { friendRequestSchemas } from '../protocol/schemas/friends';
import { parseWith } from '../protocol/schemas/issues';
import type { ChatResponse } from './types';

export type Friend = WireFriend;
export type FriendApplication = WireFriendApplication;
export type FriendGroup = WireFriendGroup;
export type AddFriendOptions = AddFriendRequest;
export interface FriendApplicationList {
  friendApplicationList: FriendApplication[];
  unreadCount: number;
}
type UserResult = { userID: string; code?: number; message?: string };

/** The op's request from the caller's options, checked by the rule the server applies (protocol/schemas/friends.ts). */
function requestOf<Op extends keyof FriendOperations>(op: Op, options: unknown): FriendOperations[Op]['req'] {
  return parseWith(friendRequestSchemas[op], options, '', op);
}

/**
 * Friends, friend requests and the blacklist, which the server's friend check (20009) and block (20007)
 * read. The server pushes `relationChanged` to every device of each user a change touches; this
 * fetches the list again and fires FRIEND_LIST_UPDATED, BLACKLIST_UPDATED or FRIEND_APPLICATION_LIST_UPDATED.
 */
export class RelationAPI {
  constructor(private readonly core: ChatCore) {}

  /** data.code 0: friends now; 30539: a request waits for the other user (their allowType is NeedConfirm). */
  async addFriend(options: AddFriendOptions): Promise<ChatResponse<{ userID: string; code: number }>> {
    const connection = this.core.requireReady();
    return { code: 0, data: await connection.request('addFriend', requestOf('addFriend', options)) };
  }

  async deleteFriend(options: {
    userIDList: string[];
    type?: DeleteFriendType;
  }): Promise<ChatResponse<{ successUserIDList: UserResult[]; failureUserIDList: UserResult[] }>> {
    const connection = this.core.requireReady();
    const request = requestOf('deleteFriend', options);
    const { successUserIDList } = await connection.request('deleteFriend', request);
    const done = new Set(successUserIDList);
    return {
      code: 0,
      data: {
        successUserIDList: successUserIDList.map((userID) => ({ userID })),
        failureUserIDList: request.userIDList
          .filter((id) => !done.has(id))
          .map((userID) => ({ userID, code: ErrorCode.SNS_INVALID, message: `${userID} is not your friend.` })),
      },
    };
  }

  async getFriendList(): Promise<ChatResponse<Friend[]>> {
    return { code: 0, data: (await this.core.requireReady().request('getFriendList', {})).friendList };
  }

  /** Friends among `userIDList`; the others come back in failureUserIDList (30001, not a friend). */
  async getFriendProfile(options: {
    userIDList: string[];
  }): Promise<ChatResponse<{ friendList: Friend[]; failureUserIDList: UserResult[] }>> {
    const connection = this.core.requireReady();
    const request = requestOf('getFriendProfile', options);
    const { friendList } = await connection.request('getFriendProfile', request);
    const found = new Set(friendList.map((friend) => friend.userID));
    const failureUserIDList = request.userIDList
      .filter((id) => !found.has(id))
      .map((userID) => ({ userID, code: ErrorCode.SNS_INVALID, message: `${userID} is not your friend.` }));
    return { code: 0, data: { friendList, failureUserIDList } };
  }

  /** relation is SNS_TYPE_*: with SNS_CHECK_TYPE_SINGLE only whether they are in your list (A_WITH_B or NO_RELATION). */
  async checkFriend(options: { userIDList: string[]; type?: CheckFriendType }): Promise<
    ChatResponse<{
      successUserIDList: Array<{ userID: string; code: number; relation: FriendRelation }>;
      failureUserIDList: UserResult[];
    }>
  > {
    const connection = this.core.requireReady();
    const { successUserIDList } = await connection.request('checkFriend', requestOf('checkFriend', options));
    return { code: 0, data: { successUserIDList, failureUserIDList: [] } };
  }

  async updateFriend(options: {
    userID: string;
    remark?: string;
    friendCustomField?: WireFriendCustomField[];
  }): Promise<ChatResponse<Friend>> {
    const connection = this.core.requireReady();
    return { code: 0, data: (await connection.request('updateFriend', requestOf('updateFriend', options))).friend };
  }

  async getFriendApplicationList(): Promise<ChatResponse<FriendApplicationList>> {
    return { code: 0, data: await this.core.requireReady().request('getFriendApplicationList', {}) };
  }

  /** type SNS_APPLICATION_AGREE_AND_ADD (the default) makes you friends both ways; SNS_APPLICATION_AGREE only adds you to theirs. */
  async acceptFriendApplication(options: {
    userID: string;
    remark?: string;
    type?: FriendApplicationAnswer;
  }): Promise<ChatResponse<{ userID: string }>> {
    const connection = this.core.requireReady();
    const request = requestOf('acceptFriendApplication', options);
    return { code: 0, data: await connection.request('acceptFriendApplication', request) };
  }

  async refuseFriendApplication(options: { userID: string }): Promise<ChatResponse<{ userID: string }>> {
    const connection = this.core.requireReady();
    const request = requestOf('refuseFriendApplication', options);
    return { code: 0, data: await connection.request('refuseFriendApplication', request) };
  }

  /** Removes the request from your own list only (SENT_TO_ME: one you got; SENT_BY_ME: one you sent). */
  async deleteFriendApplication(options: {
    userID: string;
    type: FriendApplicationType;
  }): Promise<ChatResponse<{ userID: string }>> {
    const connection = this.core.requireReady();
    const request = requestOf('deleteFriendApplication', options);
    return { code: 0, data: await connection.request('deleteFriendApplication', request) };
  }

  async setFriendApplicationRead(): Promise<ChatResponse<Record<string, never>>> {
    return { code: 0, data: await this.core.requireReady().request('setFriendApplicationRead', {}) };
  }

  /** Blocking also ends the friendship both ways, as the reference does. */
  async addToBlacklist(options: { userIDList: string[] }): Promise<ChatResponse<string[]>> {
    const connection = this.core.requireReady();
    const request = requestOf('addToBlacklist', options);
    return { code: 0, data: (await connection.request('addToBlacklist', request)).successUserIDList };
  }

  async removeFromBlacklist(options: { userIDList: string[] }): Promise<ChatResponse<string[]>> {
    const connection = this.core.requireReady();
    const request = requestOf('removeFromBlacklist', options);
    return { code: 0, data: (await connection.request('removeFromBlacklist', request)).successUserIDList };
  }

  async getBlacklist(): Promise<ChatResponse<string[]>> {
    return { code: 0, data: (await this.core.requireReady().request('getBlacklist', {})).blacklist };
  }

  async getFriendGroupList(): Promise<ChatResponse<FriendGroup[]>> {
    return { code: 0, data: (await this.core.requireReady().request('getFriendGroupList', {})).friendGroupList };
  }

  /** userIDList that are not friends come back in failureUserIDList (32216); the group is made anyway. */
  async createFriendGroup(options: { name: string; userIDList?: string[] }): Promise<ChatResponse<FriendGroupResult>> {
    const connection = this.core.requireReady();
    return { code: 0, data: await connection.request('createFriendGroup', requestOf('createFriendGroup', options)) };
  }

  async deleteFriendGroup(options: { name: string }): Promise<ChatResponse<FriendGroup>> {
    const connection = this.core.requireReady();
    const request = requestOf('deleteFriendGroup', options);
    return { code: 0, data: (await connection.request('deleteFriendGroup', request)).friendGroup };
  }

  async addToFriendGroup(options: { name: string; userIDList: string[] }): Promise<ChatResponse<FriendGroupResult>> {
    const connection = this.core.requireReady();
    return { code: 0, data: await connection.request('addToFriendGroup', requestOf('addToFriendGroup', options)) };
  }

  async removeFromFriendGroup(options: {
    name: string;
    userIDList: string[];
  }): Promise<ChatResponse<FriendGroupResult>> {
    const connection = this.core.requireReady();
    const request = requestOf('removeFromFriendGroup', options);
    return { code: 0, data: await connection.request('removeFromFriendGroup', request) };
  }

  async renameFriendGroup(options: { oldName: string; newName: string }): Promise<ChatResponse<FriendGroup>> {
    const connection = this.core.requireReady();
    const request = requestOf('renameFriendGroup', options);
    return { code: 0, data: (await connection.request('renameFriendGroup', request)).friendGroup };
  }

  /** The server's relationChanged push: fetch what changed and fire its event. */
  async onRelationChanged(lists: RelationList[]): Promise<void> {
    const connection = this.core.requireReady();
    if (lists.includes('friends'))
      this.core.emit(EVENT.FRIEND_LIST_UPDATED, (await connection.request('getFriendList', {})).friendList);
    if (lists.includes('blacklist'))
      this.core.emit(EVENT.BLACKLIST_UPDATED, (await connection.request('getBlacklist', {})).blacklist);
    if (lists.includes('friendGroups'))
      this.core.emit(
        EVENT.FRIEND_GROUP_LIST_UPDATED,
        (await connection.request('getFriendGroupList', {})).friendGroupList,
      );
    if (lists.includes('friendApplications'))
      this.core.emit(EVENT.FRIEND_APPLICATION_LIST_UPDATED, await connection.request('getFriendApplicationList', {}));
  }
}
