/** Every request the server understands, with its request and response data, and every push it sends. */
import type {
  ConversationType,
  GroupRole,
  GroupType,
  JoinOption,
  JoinStatus,
  MessageRemindType,
  ReadAllScope,
} from './constants';
import type { SendRequest, WireMessage, WireMessageRef } from './messages';
import type {
  ReactionRequest,
  SearchCloudMessagesRequest,
  SearchCloudMessagesResult,
  TranslateTextRequest,
  WireMessageReactions,
  WireReactionUser,
  WireReactionsUpdated,
} from './chat-actions';
import type { ProfileUpdate, WireProfile, WireUserStatus } from './profiles';
import type {
  CreateGroupProfile,
  GroupManagementOperations,
  GroupManagementPushes,
  WireCustomField,
} from './group-management';
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
  /** C2C: the peer's nick and avatar as they are now. */
  userProfile?: { userID: string; nick: string; avatar: string };
  /** GROUP: the group's name as it is now (absent when the group is gone). */
  groupProfile?: { groupID: string; name: string; type: GroupType; avatar: string };
  /** This user's settings for the conversation (conversation actions); absent means the default. */
  isPinned?: boolean;
  messageRemindType?: MessageRemindType;
  /** TYPES.CONV_MARK_TYPE_* values this user set. */
  markList?: number[];
  draftText?: string;
  customData?: string;
  /** The names of this user's conversation groups the conversation is in. */
  conversationGroupList?: string[];
}

/**
 * What a conversation action changed for its user: the conversations as they now stand, and those
 * deleted from the list. The action's answer, and a `conversationUpdated` push to the user's other devices.
 */
export interface ConversationUpdate {
  conversationList: WireConversation[];
  deletedConversationIDList: string[];
  /** A conversation group action: the user's group names now, and the group whose conversations changed. */
  conversationGroupList?: string[];
  groupName?: string;
}

/** A conversation group action's answer: the update, and the named conversations that were not in the user's list. */
export interface ConversationGroupUpdate extends ConversationUpdate {
  conversationGroupList: string[];
  failureConversationIDList: string[];
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
  selfInfo?: { role: GroupRole; joinTime: number; muteUntil?: number; nameCard?: string };
  introduction?: string;
  notification?: string;
  avatar?: string;
  /** TYPES.JOIN_OPTIONS_*: fixed by the type for Work, Meeting and AVChatRoom groups (docs/behaviour.md). */
  joinOption?: JoinOption;
  muteAllMembers?: boolean;
  groupCustomField?: WireCustomField[];
}

export interface WireGroupMember {
  userID: string;
  role: GroupRole;
  joinTime: number;
  /** The member's profile nick and avatar, as they are now. */
  nick?: string;
  avatar?: string;
  nameCard?: string;
  /** Seconds since the epoch; muted while it is in the future, 0 when never muted. */
  muteUntil?: number;
  memberCustomField?: WireCustomField[];
}

export interface CreateGroupRequest extends CreateGroupProfile {
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

/** modifyMessage: the message's new content, and the version it was edited from (2480 when another change came first). */
export interface ModifyMessageRequest {
  message: WireMessageRef;
  version: number;
  /** Text, custom, face and location messages only; the whole payload of the message's type. */
  payload?: Record<string, unknown>;
  cloudCustomData?: string;
}

/** getMessageListHopping: a page that starts at a sequence (or, without one, a server time in seconds). */
export interface HoppingRequest {
  conversationID: string;
  sequence?: number;
  time?: number;
  /** 0 (default): the start and older; 1: the start and newer, as the reference numbers them. */
  direction?: 0 | 1;
  /** 1 to HISTORY_PAGE_SIZE, which is also the default. */
  count?: number;
}

type Empty = Record<string, never>;
type GroupRef = { groupID: string };
type UserIDList = { userIDList: string[] };
type MessageRefs = { messageList: WireMessageRef[] };
type GroupOfConversations = { groupName: string; conversationIDList: string[] };

/** Every request the server understands, with what it answers. */
export interface Operations extends GroupManagementOperations, FriendOperations, TopicOperations {
  login: { req: LoginRequest; res: LoginResult };
  ping: { req: Empty; res: { serverTime: number } };
  send: { req: SendRequest; res: WireMessage };
  getMessageList: { req: HistoryRequest; res: HistoryResult };
  getConversationList: { req: Empty; res: { conversationList: WireConversation[] } };
  setMessageRead: { req: { conversationID: string }; res: Empty };
  uploadToken: { req: Empty; res: UploadTokenResult };

  createGroup: { req: CreateGroupRequest; res: { group: WireGroup } };
  joinGroup: { req: GroupRef & { applyMessage?: string }; res: { status: JoinStatus; group: WireGroup } };
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

  revokeMessage: { req: { message: WireMessageRef }; res: { message: WireMessage } };
  deleteMessage: { req: MessageRefs; res: MessageRefs };
  modifyMessage: { req: ModifyMessageRequest; res: { message: WireMessage } };
  getMessageListHopping: { req: HoppingRequest; res: { messageList: WireMessage[] } };
  addMessageReaction: { req: ReactionRequest; res: WireMessageReactions };
  removeMessageReaction: { req: ReactionRequest; res: WireMessageReactions };
  getMessageReactions: {
    req: MessageRefs & { maxUserCountPerReaction?: number };
    res: { resultList: WireMessageReactions[] };
  };
  getAllUserListOfMessageReaction: {
    req: ReactionRequest & { nextSeq?: number; count?: number };
    res: { userList: WireReactionUser[]; nextSeq: number; isCompleted: boolean };
  };
  searchCloudMessages: { req: SearchCloudMessagesRequest; res: SearchCloudMessagesResult };
  translateText: { req: TranslateTextRequest; res: { translatedTextList: string[] } };
  convertVoiceToText: { req: { message: WireMessageRef; language?: string }; res: { result: string } };
  getMyProfile: { req: Empty; res: { profile: WireProfile } };
  getUserProfile: { req: UserIDList; res: { profileList: WireProfile[] } };
  updateMyProfile: { req: ProfileUpdate; res: { profile: WireProfile } };
  setSelfStatus: { req: { customStatus: string }; res: WireUserStatus };
  getUserStatus: { req: UserIDList; res: { statusList: WireUserStatus[] } };
  /** Answers the users' statuses now; changes come as `userStatus` pushes. */
  subscribeUserStatus: { req: UserIDList; res: { statusList: WireUserStatus[] } };
  /** Without userIDList: every subscription of this connection's user. */
  unsubscribeUserStatus: { req: Partial<UserIDList>; res: Empty };
  deleteConversation: { req: { conversationIDList: string[]; clearHistoryMessage: boolean }; res: ConversationUpdate };
  clearHistoryMessage: { req: { conversationID: string }; res: ConversationUpdate };
  pinConversation: { req: { conversationID: string; isPinned: boolean }; res: ConversationUpdate };
  markConversation: {
    req: { conversationIDList: string[]; markType: number; enableMark: boolean };
    res: ConversationUpdate;
  };
  setConversationDraft: { req: { conversationID: string; draftText: string }; res: ConversationUpdate };
  setMessageRemindType: {
    req: { conversationIDList: string[]; messageRemindType: MessageRemindType };
    res: ConversationUpdate;
  };
  setAllMessageRead: { req: { scope: ReadAllScope }; res: ConversationUpdate };
  getConversationGroupList: { req: Empty; res: { conversationGroupList: string[] } };
  createConversationGroup: { req: GroupOfConversations; res: ConversationGroupUpdate };
  deleteConversationGroup: { req: { groupName: string }; res: ConversationGroupUpdate };
  renameConversationGroup: { req: { oldName: string; newName: string }; res: ConversationGroupUpdate };
  addConversationsToGroup: { req: GroupOfConversations; res: ConversationGroupUpdate };
  deleteConversationsFromGroup: { req: GroupOfConversations; res: ConversationGroupUpdate };
  setConversationCustomData: { req: { conversationIDList: string[]; customData: string }; res: ConversationUpdate };
}
export type OperationName = keyof Operations;

/** The conversation actions (their schemas: schemas/conversations.ts). */
export type ConversationOperationName =
  | 'deleteConversation'
  | 'clearHistoryMessage'
  | 'pinConversation'
  | 'markConversation'
  | 'setConversationDraft'
  | 'setMessageRemindType'
  | 'setAllMessageRead'
  | 'getConversationGroupList'
  | 'createConversationGroup'
  | 'deleteConversationGroup'
  | 'renameConversationGroup'
  | 'addConversationsToGroup'
  | 'deleteConversationsFromGroup'
  | 'setConversationCustomData';

/** Every push the server sends, with its data. */
export interface Pushes extends GroupManagementPushes, RelationPushes, TopicPushes {
  message: WireMessage;
  /** The user's group list changed (created, joined, added, quit, removed, dismissed); the SDK fetches it again. */
  groupListChanged: { groupID: string };
  /** Someone read messages that asked for a read receipt (groups) or a C2C conversation up to a sequence. */
  readReceipt: WireReadReceipt[];
  /** C2C: the peer read this conversation up to `sequence`. */
  peerRead: { conversationID: string; sequence: number };
  /** A message of a conversation this user is in was revoked (isRevoked, revoker set). */
  messageRevoked: WireMessage;
  /** A message of a conversation this user is in was modified (its new payload / cloudCustomData and version). */
  messageModified: WireMessage;
  /** This user deleted these messages for themself on another device. */
  messageDeleted: MessageRefs;
  /** A message's reactions changed (MESSAGE_REACTIONS_UPDATED). */
  reactionsUpdated: WireReactionsUpdated;
  /** A user's profile changed: to the user's sessions and their friends'. */
  profileUpdated: WireProfile;
  /** Users' statuses changed: to their subscribers, and to the user's own sessions. */
  userStatus: WireUserStatus[];
  /** One of this user's devices changed conversations (deleted, pinned, muted, marked, a draft, read): the others apply it. */
  conversationUpdated: ConversationUpdate;
}
export type PushName = keyof Pushes;
