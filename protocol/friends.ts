/** Friends, friend requests and the blacklist: the wire shapes of their ops and pushes (TencentCloudChat's relationship API). */
import type { TYPES } from './constants';

export type AddFriendType = typeof TYPES.SNS_ADD_TYPE_SINGLE | typeof TYPES.SNS_ADD_TYPE_BOTH;
export type DeleteFriendType = typeof TYPES.SNS_DELETE_TYPE_SINGLE | typeof TYPES.SNS_DELETE_TYPE_BOTH;
export type FriendApplicationType = typeof TYPES.SNS_APPLICATION_SENT_TO_ME | typeof TYPES.SNS_APPLICATION_SENT_BY_ME;
export type FriendApplicationAnswer = typeof TYPES.SNS_APPLICATION_AGREE | typeof TYPES.SNS_APPLICATION_AGREE_AND_ADD;
export type CheckFriendType = typeof TYPES.SNS_CHECK_TYPE_SINGLE | typeof TYPES.SNS_CHECK_TYPE_BOTH;
export type FriendRelation =
  | typeof TYPES.SNS_TYPE_NO_RELATION
  | typeof TYPES.SNS_TYPE_A_WITH_B
  | typeof TYPES.SNS_TYPE_B_WITH_A
  | typeof TYPES.SNS_TYPE_BOTH_WAY;
export type { AllowType } from './profiles';

/** A `Tag_SNS_Custom_*` field of a friend, set with updateFriend. */
export interface WireFriendCustomField {
  key: string;
  value: string;
}

export interface WireFriend {
  userID: string;
  remark: string;
  /** Seconds since the epoch: when the friendship began. */
  time: number;
  source: string;
  wording: string;
  /** The friend groups this friend is in (addFriend's groupName, addToFriendGroup). */
  groupList: string[];
  friendCustomField: WireFriendCustomField[];
}

/** The reference's FriendGroup. */
export interface WireFriendGroup {
  name: string;
  count: number;
  userIDList: string[];
}

/** A friend group call's answer: the group, and the userIDs it could not take (not friends: 32216). */
export interface FriendGroupResult {
  friendGroup: WireFriendGroup;
  failureUserIDList: Array<{ userID: string; code: number; message: string }>;
}

/** A pending friend request, as the reference's FriendApplication. */
export interface WireFriendApplication {
  /** The other user: who asked (SENT_TO_ME) or who was asked (SENT_BY_ME). */
  userID: string;
  type: FriendApplicationType;
  source: string;
  wording: string;
  time: number;
}

export interface AddFriendRequest {
  to: string;
  remark?: string;
  source?: string;
  wording?: string;
  type?: AddFriendType;
  groupName?: string;
}

/** 0: friends now; 30539 (FRIEND_APPLICATION_PENDING): a request waits for the other user. */
export type AddFriendResult = { userID: string; code: 0 | 30539 };

type Empty = Record<string, never>;
type UserIDList = { userIDList: string[] };
type UserRef = { userID: string };

export interface FriendOperations {
  addFriend: { req: AddFriendRequest; res: AddFriendResult };
  deleteFriend: { req: UserIDList & { type?: DeleteFriendType }; res: { successUserIDList: string[] } };
  getFriendList: { req: Empty; res: { friendList: WireFriend[] } };
  addToBlacklist: { req: UserIDList; res: { successUserIDList: string[] } };
  getBlacklist: { req: Empty; res: { blacklist: string[] } };
  removeFromBlacklist: { req: UserIDList; res: { successUserIDList: string[] } };
  getFriendApplicationList: {
    req: Empty;
    res: { friendApplicationList: WireFriendApplication[]; unreadCount: number };
  };
  acceptFriendApplication: {
    req: UserRef & { remark?: string; type?: FriendApplicationAnswer };
    res: UserRef;
  };
  refuseFriendApplication: { req: UserRef; res: UserRef };
  deleteFriendApplication: { req: UserRef & { type: FriendApplicationType }; res: UserRef };
  setFriendApplicationRead: { req: Empty; res: Empty };
  checkFriend: {
    req: UserIDList & { type?: CheckFriendType };
    res: { successUserIDList: Array<{ userID: string; code: 0; relation: FriendRelation }> };
  };
  getFriendProfile: { req: UserIDList; res: { friendList: WireFriend[] } };
  updateFriend: {
    req: UserRef & { remark?: string; friendCustomField?: WireFriendCustomField[] };
    res: { friend: WireFriend };
  };
  getFriendGroupList: { req: Empty; res: { friendGroupList: WireFriendGroup[] } };
  createFriendGroup: { req: { name: string; userIDList?: string[] }; res: FriendGroupResult };
  deleteFriendGroup: { req: { name: string }; res: { friendGroup: WireFriendGroup } };
  addToFriendGroup: { req: { name: string; userIDList: string[] }; res: FriendGroupResult };
  removeFromFriendGroup: { req: { name: string; userIDList: string[] }; res: FriendGroupResult };
  renameFriendGroup: { req: { oldName: string; newName: string }; res: { friendGroup: WireFriendGroup } };
}

/** Which of a user's relationship lists changed: the SDK fetches them again and fires their events. */
export type RelationList = 'friends' | 'blacklist' | 'friendApplications' | 'friendGroups';
export interface RelationPushes {
  relationChanged: { lists: RelationList[] };
}
