import type { ChatError } from '../../protocol/errors';
import type { WireMessage, WireMessageDraft } from '../../protocol/messages';
import type {
  HistoryResult,
  WireConversation,
  WireExtension,
  WireGroup,
  WireGroupMember,
} from '../../protocol/operations';
import type { ProfileUpdate, WireProfile } from '../../protocol/profiles';
import type {
  AddFriendRequest,
  AddFriendResult,
  AllowType,
  CheckFriendType,
  FriendApplicationAnswer,
  FriendApplicationType,
  FriendRelation,
  RelationList,
  WireFriend,
  WireFriendApplication,
  WireFriendCustomField,
  WireFriendGroup,
  FriendGroupResult,
} from '../../protocol/friends';
import type { TopicFailure, TopicProfile, WireTopic } from '../../protocol/topics';
import type { WireMessageControlInfo, WireOfflinePushInfo } from '../../protocol/send-options';
import type { SearchCloudMessagesResult, WireMessageReactions } from '../../protocol/chat-actions';
import type { ConversationStore } from './conversation-store';
import type { GroupManagementStore } from './group-management-store';

/**
 * Every Store method takes and returns plain, structured-cloneable data, so the store can run
 * behind a proxy (e.g. in a worker thread). Refusals come back as `{ ok: false, error }` or as a
 * thrown ChatError (code + message).
 */

/** A send that passed validation, moderation and the group limiter: for the next group commit, or for `recipientsOf` when it is not stored. */
export interface SendIntent {
  app: number;
  sender: string;
  draft: WireMessageDraft;
  messageControlInfo?: WireMessageControlInfo;
  offlinePushInfo?: WireOfflinePushInfo;
  /** C2C only between friends (the server's friend check); the blacklist applies always. */
  friendCheck?: boolean;
  /** Made by the server: a group tip (from the operator, who may have just left, to every member) or a group system notice (to its one recipient's `@TIM#SYSTEM`). */
  serverMade?: boolean;
}

export interface StoredOutcome {
  ok: true;
  message: WireMessage;
  /** `message` as stored (its JSON.stringify): frames embed this text instead of serializing the message again. */
  messageJSON: string;
  duplicate: boolean;
  /** Who it is delivered to besides its sender (see audience.ts); none for a duplicate, which was delivered the first time. */
  recipients: string[];
}

export type CommitOutcome = StoredOutcome | { ok: false; error: ChatError };

/** Who a message that is not stored reaches, or why it may not go. */
export type RecipientsOutcome = { ok: true; recipients: string[] } | { ok: false; error: ChatError };

export interface HistoryQuery {
  app: number;
  /** Where the store keeps the conversation, the same for both sides (conversation-key.ts). */
  conversationKey: string;
  /** The conversation as the viewer names it (`C2C<peer>`, `GROUP<groupID>`): the public ID. */
  conversationID: string;
  /** Who reads: targeted group messages are shown only to their audience; C2C gets isPeerRead. */
  viewer: string;
  nextReqMessageID?: string;
  count: number;
}

export interface NewGroup {
  groupID: string;
  name: string;
  type: WireGroup['type'];
  ownerID: string;
  createTime: number;
}

export interface MessageStore {
  /** Stores the sends in one transaction, durable when the promise resolves; one outcome per intent, in order. */
  commitMessages(intents: SendIntent[]): Promise<CommitOutcome[]>;
  /** For a send that is not stored (onlineUserOnly): the same decision on who it reaches that a commit makes. */
  recipientsOf(intent: SendIntent): Promise<RecipientsOutcome>;
  getMessageList(query: HistoryQuery): Promise<HistoryResult>;
  getConversationList(app: number, userID: string): Promise<WireConversation[]>;
  /** Clears unread and @ marks; answers the sequence read up to. */
  setMessageRead(app: number, userID: string, conversationID: string): Promise<{ readSequence: number }>;
  /** One stored message with who may see it (null: every member), or null. */
  getMessage(
    app: number,
    conversationKey: string,
    ID: string,
  ): Promise<{ message: WireMessage; visibleTo: string[] | null } | null>;
}

export interface GroupStore {
  /** Throws ChatError 90007 when the ID is taken. The owner is the first member. */
  createGroup(app: number, group: NewGroup, memberIDs: string[]): Promise<void>;
  getGroup(app: number, groupID: string, viewer?: string): Promise<WireGroup | null>;
  getGroupMembers(app: number, groupID: string): Promise<WireGroupMember[]>;
  getGroupList(app: number, userID: string): Promise<WireGroup[]>;
  addGroupMembers(
    app: number,
    groupID: string,
    userIDs: string[],
    joinTime: number,
  ): Promise<{ added: string[]; existed: string[] }>;
  removeGroupMembers(app: number, groupID: string, userIDs: string[]): Promise<string[]>;
  /** Deletes the group and its members; answers who the members were. History stays. */
  deleteGroup(app: number, groupID: string): Promise<string[]>;
}

/** userID → which of their relationship lists a change touched: each gets a relationChanged push. */
export type RelationChanges = Record<string, RelationList[]>;

/** Friends, friend requests and the blacklist (server/store/sqlite-friends.ts says what each does). */
export interface RelationStore {
  addFriend(
    app: number,
    from: string,
    request: AddFriendRequest,
    allowType: AllowType,
    time: number,
  ): Promise<{ result: AddFriendResult; changes: RelationChanges }>;
  deleteFriends(
    app: number,
    userID: string,
    friendIDs: string[],
    both: boolean,
  ): Promise<{ successUserIDList: string[]; changes: RelationChanges }>;
  getFriendList(app: number, userID: string): Promise<WireFriend[]>;
  getFriendProfiles(app: number, userID: string, friendIDs: string[]): Promise<WireFriend[]>;
  checkFriends(
    app: number,
    userID: string,
    otherIDs: string[],
    type: CheckFriendType,
  ): Promise<Array<{ userID: string; code: 0; relation: FriendRelation }>>;
  updateFriend(
    app: number,
    userID: string,
    friendID: string,
    update: { remark?: string; friendCustomField?: WireFriendCustomField[] },
  ): Promise<{ friend: WireFriend; changes: RelationChanges }>;
  getFriendApplications(
    app: number,
    userID: string,
  ): Promise<{ friendApplicationList: WireFriendApplication[]; unreadCount: number }>;
  acceptFriendApplication(
    app: number,
    userID: string,
    applicant: string,
    answer: FriendApplicationAnswer,
    remark: string,
    time: number,
  ): Promise<RelationChanges>;
  refuseFriendApplication(app: number, userID: string, applicant: string): Promise<RelationChanges>;
  deleteFriendApplication(
    app: number,
    userID: string,
    other: string,
    type: FriendApplicationType,
  ): Promise<RelationChanges>;
  setFriendApplicationsRead(app: number, userID: string): Promise<RelationChanges>;
  addToBlacklist(
    app: number,
    userID: string,
    blockedIDs: string[],
  ): Promise<{ successUserIDList: string[]; changes: RelationChanges }>;
  removeFromBlacklist(
    app: number,
    userID: string,
    blockedIDs: string[],
  ): Promise<{ successUserIDList: string[]; changes: RelationChanges }>;
  getBlacklist(app: number, userID: string): Promise<string[]>;
  getFriendGroups(app: number, userID: string): Promise<WireFriendGroup[]>;
  createFriendGroup(
    app: number,
    userID: string,
    name: string,
    friendIDs: string[],
  ): Promise<{ result: FriendGroupResult; changes: RelationChanges }>;
  /** Adds (`add`) or removes friends; 30001 if there is no such group. */
  changeFriendGroup(
    app: number,
    userID: string,
    name: string,
    friendIDs: string[],
    add: boolean,
  ): Promise<{ result: FriendGroupResult; changes: RelationChanges }>;
  deleteFriendGroup(
    app: number,
    userID: string,
    name: string,
  ): Promise<{ friendGroup: WireFriendGroup; changes: RelationChanges }>;
  renameFriendGroup(
    app: number,
    userID: string,
    oldName: string,
    newName: string,
  ): Promise<{ friendGroup: WireFriendGroup; changes: RelationChanges }>;
}

export interface ReceiptStore {
  /** Records that `userID` read these messages; answers the IDs that were new. */
  addReadReceipts(app: number, conversationKey: string, IDs: string[], userID: string): Promise<string[]>;
  /** How many read each of `IDs`, in the same order. */
  countReadReceipts(app: number, conversationKey: string, IDs: string[]): Promise<number[]>;
  setExtensions(
    app: number,
    conversationKey: string,
    ID: string,
    extensions: { key: string; value: string }[],
  ): Promise<WireExtension[]>;
  getExtensions(app: number, conversationKey: string, ID: string): Promise<WireExtension[]>;
  deleteExtensions(app: number, conversationKey: string, ID: string, keys: string[] | null): Promise<string[]>;
}

/** getMessageListHopping: a page of what `viewer` may read, from a sequence or a server time. */
export interface HoppingQuery {
  app: number;
  conversationKey: string;
  viewer: string;
  /** Where the page starts (included); without it, the message sent at `time` (seconds) or nearest it in `direction`. */
  sequence?: number;
  time?: number;
  /** 0: the start and older; 1: the start and newer. */
  direction: 0 | 1;
  count: number;
}

/** A compare-and-set on a stored message: `message` is the new one if replaced, else the current one (another change came first). */
export interface ReplaceOutcome {
  replaced: boolean;
  message: WireMessage;
}

export interface MessageActionStore {
  /** Replaces a stored message (revoke, modify) if its version is still `expectedVersion`; null when there is no such message. */
  replaceMessage(
    app: number,
    conversationKey: string,
    next: WireMessage,
    expectedVersion: number,
  ): Promise<ReplaceOutcome | null>;
  /** deleteMessage: hides these messages from `userID`'s history and conversation list, on every device. */
  hideMessages(app: number, userID: string, conversationKey: string, IDs: string[]): Promise<void>;
  /** Oldest first. */
  getMessageListHopping(query: HoppingQuery): Promise<WireMessage[]>;
}

/** Message reactions; refusals are thrown ChatErrors with the reference's 2300x codes. */
export interface ReactionStore {
  /** 23007 already reacted, 23005 too many reactions on the message, 23006 too many users on the reaction. */
  addReaction(
    app: number,
    conversationKey: string,
    ID: string,
    reactionID: string,
    userID: string,
    timeMs: number,
  ): Promise<void>;
  /** 23008 no such reaction on the message, 23009 the user has not used it. */
  removeReaction(app: number, conversationKey: string, ID: string, reactionID: string, userID: string): Promise<void>;
  /** Each message's reactions with their first `maxUsers` users; with a `viewer`, whether each is theirs. */
  getReactions(
    app: number,
    conversationKey: string,
    IDs: string[],
    maxUsers: number,
    viewer: string | null,
  ): Promise<WireMessageReactions[]>;
  /** A page of one reaction's users, oldest first, and how many it has; 23008 when it has none. */
  getReactionUsers(
    app: number,
    conversationKey: string,
    ID: string,
    reactionID: string,
    offset: number,
    count: number,
  ): Promise<{ userIDs: string[]; total: number }>;
}

/** searchCloudMessages, as the store runs it: the handler has checked the request and the caller's membership. */
export interface SearchQuery {
  app: number;
  viewer: string;
  /** One conversation (its storage key and the viewer's ID for it), or null for all of the viewer's. */
  conversation: { key: string; ID: string } | null;
  keywords: string[];
  /** true: every keyword must match; false: any. */
  matchAll: boolean;
  senders: string[];
  types: string[];
  /** Seconds since the epoch, inclusive; null: no bound. */
  fromTime: number | null;
  toTime: number | null;
  cursor: string;
  pageSize: number;
}

export interface SearchStore {
  searchMessages(query: SearchQuery): Promise<SearchCloudMessagesResult>;
}

export interface ProfileStore {
  /** The user's profile; the default one (protocol/profiles.ts) for a user who never set any. */
  getProfile(app: number, userID: string): Promise<WireProfile>;
  /** One profile per userID, in the same order. */
  getProfiles(app: number, userIDs: string[]): Promise<WireProfile[]>;
  /** Applies the update and answers the profile as stored. Throws ChatError 90003 past 20 custom fields. */
  updateProfile(app: number, userID: string, update: ProfileUpdate, time: number): Promise<WireProfile>;
}

/** Community topics (server/store/sqlite-topics.ts). A topic's messages live in the group conversation GROUP<topicID>. */
export interface TopicStore {
  enableTopics(app: number, groupID: string): Promise<void>;
  supportsTopics(app: number, groupID: string): Promise<boolean>;
  createTopic(app: number, groupID: string, topicID: string, profile: TopicProfile, time: number): Promise<void>;
  updateTopic(app: number, groupID: string, topicID: string, profile: TopicProfile): Promise<void>;
  deleteTopics(
    app: number,
    groupID: string,
    topicIDs: string[] | null,
  ): Promise<{ deleted: string[]; missing: string[] }>;
  getTopics(
    app: number,
    groupID: string,
    topicIDs: string[] | null,
    viewer: string,
  ): Promise<{ successTopicList: WireTopic[]; failureTopicList: TopicFailure[] }>;
  getTopic(app: number, groupID: string, topicID: string, viewer: string): Promise<WireTopic>;
}

/**
 * Where messages, conversations, groups and relations are kept. SQLite is the embedded default;
 * the interface is asynchronous so a networked database can implement it too.
 */
export interface Store
  extends
    MessageStore,
    GroupStore,
    RelationStore,
    ReceiptStore,
    MessageActionStore,
    ReactionStore,
    SearchStore,
    ProfileStore,
    ConversationStore,
    GroupManagementStore,
    TopicStore {
  close(): Promise<void>;
}
