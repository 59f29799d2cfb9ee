import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import type {
  AddFriendRequest,
  AllowType,
  FriendApplicationType,
  FriendGroupResult,
  FriendRelation,
  RelationList,
  WireFriend,
  WireFriendApplication,
  WireFriendCustomField,
} from '../../protocol/friends';
import type { RelationChanges } from './store';

/**
 * The decisions and shapes both stores' relation code shares (SQLite: sqlite-friends.ts and
 * sqlite-friend-groups.ts; PostgreSQL: pg/pg-relations.ts): pure, no statements.
 */

/** A `friends` row as both stores read it. */
export interface FriendRow {
  friend_id: string;
  remark: string;
  time: number;
  source: string;
  wording: string;
  /** JSON array of WireFriendCustomField. */
  custom: string;
}

/** A `friend_applications` row; the flags are 0 or 1. */
export interface ApplicationRow {
  from_id: string;
  to_id: string;
  remark: string;
  source: string;
  wording: string;
  group_name: string;
  time: number;
  unread: number;
  shown_to_sender: number;
  shown_to_target: number;
}

/** What a new friends row is made of (addFriend's request, or the request an accept answers). */
export interface NewFriend {
  remark: string;
  source: string;
  wording: string;
  groupName: string;
  time: number;
}

export function snsInvalid(message: string): ChatError {
  return new ChatError(ErrorCode.SNS_INVALID, message);
}

export function toWireFriend(row: FriendRow, groupList: string[]): WireFriend {
  return {
    userID: row.friend_id,
    remark: row.remark,
    time: row.time,
    source: row.source,
    wording: row.wording,
    groupList,
    friendCustomField: JSON.parse(row.custom) as WireFriendCustomField[],
  };
}

/** Collects which lists of which users a change touched, for the relationChanged pushes. */
export class RelationChangeSet {
  private readonly byUser = new Map<string, Set<RelationList>>();
  add(userID: string, ...lists: RelationList[]): this {
    const set = this.byUser.get(userID) ?? new Set<RelationList>();
    for (const list of lists) set.add(list);
    this.byUser.set(userID, set);
    return this;
  }
  toJSON(): RelationChanges {
    return Object.fromEntries([...this.byUser].map(([userID, lists]) => [userID, [...lists]]));
  }
}

/** Why `to` cannot be added, in the reference's order: blacklists (30515, 30525), already a friend (30001), accepts none (30516). */
export function addFriendRefusal(
  facts: { blockedByMe: boolean; blockedByThem: boolean; alreadyFriend: boolean },
  allowType: AllowType,
  to: string,
): ChatError | null {
  if (facts.blockedByMe)
    return new ChatError(
      ErrorCode.FRIEND_ADD_TARGET_BLOCKED,
      `${to} is in your blacklist; removeFromBlacklist first to add them as a friend.`,
    );
  if (facts.blockedByThem)
    return new ChatError(ErrorCode.FRIEND_ADD_IN_PEER_BLACKLIST, `${to} has blocked you; you cannot add them.`);
  if (facts.alreadyFriend) return snsInvalid(`${to} is already your friend.`);
  if (allowType === TYPES.ALLOW_TYPE_DENY_ANY)
    return new ChatError(ErrorCode.FRIEND_ADD_DENIED, `${to} does not accept friend requests.`);
  return null;
}

export function newFriendOf(request: AddFriendRequest, time: number): NewFriend {
  return {
    remark: request.remark ?? '',
    source: request.source ?? '',
    wording: request.wording ?? '',
    groupName: request.groupName ?? '',
    time,
  };
}

/** The rows a user's application list shows (to them and still shown to them, or from them and still shown), newest first. */
export function toApplicationList(
  rows: readonly ApplicationRow[],
  userID: string,
): { friendApplicationList: WireFriendApplication[]; unreadCount: number } {
  let unreadCount = 0;
  const friendApplicationList = rows.map((row) => {
    const toMe = row.to_id === userID && row.shown_to_target === 1;
    if (toMe && row.unread === 1) unreadCount += 1;
    return {
      userID: toMe ? row.from_id : row.to_id,
      type: toMe ? TYPES.SNS_APPLICATION_SENT_TO_ME : TYPES.SNS_APPLICATION_SENT_BY_ME,
      source: row.source,
      wording: row.wording,
      time: row.time,
    } satisfies WireFriendApplication;
  });
  return { friendApplicationList, unreadCount };
}

export function noApplicationToAnswer(applicant: string): ChatError {
  return snsInvalid(`There is no friend request from ${applicant} to answer.`);
}

export function noApplicationToDelete(type: FriendApplicationType, other: string): ChatError {
  return snsInvalid(
    type === TYPES.SNS_APPLICATION_SENT_TO_ME
      ? `There is no friend request from ${other} in your list.`
      : `You have no friend request to ${other} in your list.`,
  );
}

/** The request a deleteFriendApplication of `type` by `userID` means: [from, to]. */
export function applicationEnds(type: FriendApplicationType, userID: string, other: string): [string, string] {
  return type === TYPES.SNS_APPLICATION_SENT_TO_ME ? [other, userID] : [userID, other];
}

export function relationOf(mine: boolean, theirs: boolean): FriendRelation {
  if (mine && theirs) return TYPES.SNS_TYPE_BOTH_WAY;
  if (mine) return TYPES.SNS_TYPE_A_WITH_B;
  if (theirs) return TYPES.SNS_TYPE_B_WITH_A;
  return TYPES.SNS_TYPE_NO_RELATION;
}

export function notFriendToUpdate(friendID: string): ChatError {
  return snsInvalid(`${friendID} is not your friend; only friends can be updated.`);
}

/** The stored custom fields (JSON) with the update's merged in by key; answers the new JSON. */
export function mergeFriendCustomFields(stored: string, update: readonly WireFriendCustomField[] | undefined): string {
  const custom = new Map((JSON.parse(stored) as WireFriendCustomField[]).map((f) => [f.key, f.value]));
  for (const { key, value } of update ?? []) custom.set(key, value);
  return JSON.stringify([...custom].map(([key, value]) => ({ key, value })));
}

export function notFriendForGroup(friendID: string): FriendGroupResult['failureUserIDList'][number] {
  const message = `${friendID} is not your friend, so cannot be in a friend group.`;
  return { userID: friendID, code: ErrorCode.FRIEND_GROUP_NOT_FRIEND, message };
}

export function noFriendGroup(name: string): ChatError {
  return snsInvalid(`You have no friend group named ${JSON.stringify(name)}.`);
}

export function friendGroupExists(name: string): ChatError {
  return snsInvalid(`You already have a friend group named ${JSON.stringify(name)}.`);
}
