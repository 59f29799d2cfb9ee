import type { ChatCore } from './chat-core';
import { MAX_USERS_PER_CALL } from '../protocol/limits';
import { userIDList } from '../protocol/schemas/common';
import { parseWith } from '../protocol/schemas/issues';
import type { WireFriend } from '../protocol/operations';
import type { ChatResponse } from './types';
import { optionalString, own, requireNonEmptyString, requireObject, type Fields } from '../protocol/fields';

export type Friend = WireFriend;

export interface AddFriendOptions {
  to: string;
  /** Accepted for compatibility; Tidings adds friends directly (both ways), without a request. */
  source?: string;
  remark?: string;
  wording?: string;
  addType?: string;
}

/** The rule the server's schema applies to the same field (protocol/schemas/common.ts). */
function userIDListOf(fields: Fields): string[] {
  return parseWith(userIDList(MAX_USERS_PER_CALL), own(fields, 'userIDList'), 'userIDList');
}

/** Friends and the blacklist, which the server's friend check (20009) and block (20007) read. */
export class RelationAPI {
  constructor(private readonly core: ChatCore) {}

  async addFriend(options: AddFriendOptions): Promise<ChatResponse<{ userID: string; code: number }>> {
    const connection = this.core.requireReady();
    const fields = requireObject(options, 'addFriend options');
    const to = requireNonEmptyString(fields, 'to', 'to');
    const remark = optionalString(fields, 'remark', 'remark', '');
    const { userID } = await connection.request('addFriend', remark ? { to, remark } : { to });
    return { code: 0, data: { userID, code: 0 } };
  }

  async deleteFriend(options: {
    userIDList: string[];
  }): Promise<
    ChatResponse<{ successUserIDList: Array<{ userID: string }>; failureUserIDList: Array<{ userID: string }> }>
  > {
    const connection = this.core.requireReady();
    const userIDList = userIDListOf(requireObject(options, 'deleteFriend options'));
    const { successUserIDList } = await connection.request('deleteFriend', { userIDList });
    const done = new Set(successUserIDList);
    return {
      code: 0,
      data: {
        successUserIDList: successUserIDList.map((userID) => ({ userID })),
        failureUserIDList: userIDList.filter((id) => !done.has(id)).map((userID) => ({ userID })),
      },
    };
  }

  async getFriendList(): Promise<ChatResponse<Friend[]>> {
    return { code: 0, data: (await this.core.requireReady().request('getFriendList', {})).friendList };
  }

  async addToBlacklist(options: { userIDList: string[] }): Promise<ChatResponse<string[]>> {
    const connection = this.core.requireReady();
    const userIDList = userIDListOf(requireObject(options, 'addToBlacklist options'));
    return { code: 0, data: (await connection.request('addToBlacklist', { userIDList })).successUserIDList };
  }

  async getBlacklist(): Promise<ChatResponse<string[]>> {
    return { code: 0, data: (await this.core.requireReady().request('getBlacklist', {})).blacklist };
  }
}
