import type { ChatCore } from './chat-core';
import { EVENT } from '../protocol/constants';
import { requireObject } from '../protocol/fields';
import type { WireUserStatus } from '../protocol/profiles';
import { profileRequestSchemas } from '../protocol/schemas/profiles';
import { parseWith } from '../protocol/schemas/issues';
import type { ChatResponse } from './types';

export type UserStatus = WireUserStatus;
type FailedUser = { userID: string; code: number; message: string };

/**
 * setSelfStatus, getUserStatus, subscribeUserStatus, unsubscribeUserStatus and USER_STATUS_UPDATED.
 * The server forgets a user's subscriptions when their last connection closes; this client
 * remembers its own and subscribes again after a reconnect.
 */
export class UserStatusAPI {
  private readonly subscribed = new Set<string>();

  constructor(private readonly core: ChatCore) {}

  async setSelfStatus(options: { customStatus: string }): Promise<ChatResponse<UserStatus>> {
    const connection = this.core.requireReady();
    const request = parseWith(
      profileRequestSchemas.setSelfStatus,
      requireObject(options, 'setSelfStatus options'),
      '',
      'setSelfStatus',
    );
    return { code: 0, data: await connection.request('setSelfStatus', request) };
  }

  async getUserStatus(options: {
    userIDList: string[];
  }): Promise<ChatResponse<{ successUserList: UserStatus[]; failureUserList: FailedUser[] }>> {
    const connection = this.core.requireReady();
    const request = parseWith(profileRequestSchemas.getUserStatus, options, '', 'getUserStatus');
    const { statusList } = await connection.request('getUserStatus', request);
    return { code: 0, data: { successUserList: statusList, failureUserList: [] } };
  }

  /** Reports the users' current status at once with USER_STATUS_UPDATED, then every change. */
  async subscribeUserStatus(options: {
    userIDList: string[];
  }): Promise<ChatResponse<{ failureUserList: FailedUser[] }>> {
    const connection = this.core.requireReady();
    const request = parseWith(profileRequestSchemas.subscribeUserStatus, options, '', 'subscribeUserStatus');
    const { statusList } = await connection.request('subscribeUserStatus', request);
    for (const userID of request.userIDList) this.subscribed.add(userID);
    if (statusList.length > 0) this.core.emit(EVENT.USER_STATUS_UPDATED, statusList);
    return { code: 0, data: { failureUserList: [] } };
  }

  /** Without `userIDList` (or without options): every subscription. */
  async unsubscribeUserStatus(options?: {
    userIDList?: string[];
  }): Promise<ChatResponse<{ failureUserList: FailedUser[] }>> {
    const connection = this.core.requireReady();
    const request = parseWith(profileRequestSchemas.unsubscribeUserStatus, options ?? {}, '', 'unsubscribeUserStatus');
    await connection.request('unsubscribeUserStatus', request);
    if (request.userIDList) for (const userID of request.userIDList) this.subscribed.delete(userID);
    else this.subscribed.clear();
    return { code: 0, data: { failureUserList: [] } };
  }

  /** A `userStatus` push. */
  onUserStatus(statusList: UserStatus[]): void {
    this.core.emit(EVENT.USER_STATUS_UPDATED, statusList);
  }

  /** After a reconnect: the server forgot this user's subscriptions when the old socket closed. */
  async resubscribe(): Promise<void> {
    if (this.subscribed.size === 0) return;
    const { statusList } = await this.core
      .requireReady()
      .request('subscribeUserStatus', { userIDList: [...this.subscribed] });
    if (statusList.length > 0) this.core.emit(EVENT.USER_STATUS_UPDATED, statusList);
  }

  clear(): void {
    this.subscribed.clear();
  }
}
