/** Every request the server understands, with its request and response data, and every push it sends. */
import type { ConversationType, GroupRole, GroupType } from './constants';
import type { SendRequest, WireMessage, WireMessageRef } from './messages';
import type { FriendOperations, RelationPushes } from './friends';
import type { TopicOperations, TopicPushes } from './topics';

export type { WireFriend } from './friends';

/** One entry of a group conversation's `groupAtInfoList`: a message that @-mentioned this user or @ALL. */
export interface WireGroupAtInfo {
  from: string;
  groupID: string;
  messageSequence: number;
  /** 1 @me, 2 @all, 3 @all and @me (TYPES.CONV_AT_ME / CONV_AT_ALL / CONV_AT_ALL_AT_ME). */
  atType: 1 | 2 | 3;
}

export interface WireConversation {
  conversationID: string;
  type: ConversationType;
  unreadCount: number;
  lastMessage: WireMessage | null;
  /** The conversation's newest stored sequence (0 if none), also of messages lastMessage skips: where a client's record of it starts. */
  lastSequence?: number;
  groupAtInfoList?: WireGroupAtInfo[];
}

export interface WireGroup {
  groupID: string;
  name: string;
  /** 'Private' (Work), 'Public', 'ChatRoom' (Meeting), 'AVChatRoom', 'Community'. */
  type: GroupType;
  ownerID: string;
  createTime: number;
  memberCount: number;
  /** The caller's role, when the caller is a member. */
  selfInfo?: { role: GroupRole; joinTime: number };
}

export interface WireGroupMember {
  userID: string;
  role: GroupRole;
  joinTime: number;
}

export interface CreateGroupRequest {
  name: string;
  /** Default 'Private' (Work). */
  type?: GroupType;
  groupID?: string;
  memberList?: Array<{ userID: string }>;
  /** Community only: the community has topics (createTopicInCommunity). */
  isSupportTopic?: boolean;
}

export interface WireReadReceipt extends WireMessageRef {
  /** Group: members who read it / who have not (the sender not counted). C2C: 1/0. */
  readCount: number;
  unreadCount: number;
}

export interface WireExtension {
  key: string;
  value: string;
}

export interface LoginRequest {
  SDKAppID: number;
  userID: string;
  userSig: string;
  protocolVersion: number;
}

export interface LoginResult {
  userID: string;
  /** Milliseconds since the epoch, server clock, when the answer was made. */
  serverTime: number;
}

export interface HistoryRequest {
  conversationID: string;
  nextReqMessageID?: string;
  /** 1 to HISTORY_PAGE_SIZE (limits.ts), which is also the default. */
  count?: number;
}

export interface HistoryResult {
  /** Oldest first, as the reference's getMessageList returns them. */
  messageList: WireMessage[];
  nextReqMessageID: string;
  isCompleted: boolean;
}

/** A short-lived credential for the `/files` HTTP endpoints (`Authorization: Tidings <token>`). */
export interface UploadTokenResult {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

type Empty = Record<string, never>;
type GroupRef = { groupID: string };
type UserIDList = { userIDList: string[] };
type MessageRefs = { messageList: WireMessageRef[] };

/** Every request the server understands, with what it answers. */
export interface Operations extends FriendOperations, TopicOperations {
  login: { req: LoginRequest; res: LoginResult };
  ping: { req: Empty; res: { serverTime: number } };
  send: { req: SendRequest; res: WireMessage };
  getMessageList: { req: HistoryRequest; res: HistoryResult };
  getConversationList: { req: Empty; res: { conversationList: WireConversation[] } };
  setMessageRead: { req: { conversationID: string }; res: Empty };
  uploadToken: { req: Empty; res: UploadTokenResult };

  createGroup: { req: CreateGroupRequest; res: { group: WireGroup } };
  joinGroup: { req: GroupRef; res: { status: 'JoinedSuccess' | 'AlreadyInGroup'; group: WireGroup } };
  quitGroup: { req: GroupRef; res: GroupRef };
  dismissGroup: { req: GroupRef; res: GroupRef };
  getGroupList: { req: Empty; res: { groupList: WireGroup[] } };
  getGroupProfile: { req: GroupRef; res: { group: WireGroup } };
  getGroupMemberList: {
    req: GroupRef & { count?: number; offset?: number };
    res: { memberList: WireGroupMember[]; offset: number };
  };
  addGroupMember: {
    req: GroupRef & UserIDList;
    res: { successUserIDList: string[]; existedUserIDList: string[]; group: WireGroup };
  };
  deleteGroupMember: { req: GroupRef & UserIDList; res: { successUserIDList: string[]; group: WireGroup } };

  sendMessageReadReceipt: { req: MessageRefs; res: Empty };
  getMessageReadReceiptList: { req: MessageRefs; res: { messageList: WireReadReceipt[] } };
  setMessageExtensions: {
    req: { message: WireMessageRef; extensions: WireExtension[] };
    res: { extensions: WireExtension[] };
  };
  getMessageExtensions: { req: { message: WireMessageRef }; res: { extensions: WireExtension[] } };
  deleteMessageExtensions: { req: { message: WireMessageRef; keyList?: string[] }; res: { keyList: string[] } };
}
export type OperationName = keyof Operations;

/** Every push the server sends, with its data. */
export interface Pushes extends RelationPushes, TopicPushes {
  message: WireMessage;
  /** The user's group list changed (created, joined, added, quit, removed, dismissed); the SDK fetches it again. */
  groupListChanged: { groupID: string };
  /** Someone read messages that asked for a read receipt (groups) or a C2C conversation up to a sequence. */
  readReceipt: WireReadReceipt[];
  /** C2C: the peer read this conversation up to `sequence`. */
  peerRead: { conversationID: string; sequence: number };
}
export type PushName = keyof Pushes;
