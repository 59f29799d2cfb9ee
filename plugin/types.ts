import type { Platform } from './platform';
import { EVENT, type NetState } from '../protocol/constants';
import type { Conversation } from './conversations';
import type { Group } from './groups';
import type { Message } from './message';
import type { WireMessageControlInfo, WireOfflinePushInfo } from '../protocol/send-options';
import type { ReadReceiptEvent } from './receipts';
import type { ReactionsUpdatedEvent } from './reactions';
import type { Profile } from './profiles';
import type { UserStatus } from './user-status';
import type { Pushes } from '../protocol/operations';
import type { Friend, FriendApplicationList, FriendGroup } from './relations';
import type { TopicInfo } from './topics';

/** `TencentCloudChat.create(options)`. */
export interface ChatOptions {
  SDKAppID: number;
  /** The Tidings server's http(s) base address, e.g. `https://chat.example.com`. */
  serverURL: string;
  /** The platform to run on, instead of the one this build detects (a custom runtime, or a test double). */
  platform?: Platform;
  /** Milliseconds a message waits for the connection before sendMessage rejects with 2801; default 60000. */
  sendTimeout?: number;
}

export interface LoginOptions {
  userID: string;
  userSig: string;
}

/** Every promise of the SDK resolves to this; failures reject with a `ChatError`. */
export interface ChatResponse<Data> {
  code: 0;
  data: Data;
}

export interface SendMessageOptions {
  /** Only online recipients get it: not stored, not unread, not pushed offline. Not with messageControlInfo. */
  onlineUserOnly?: boolean;
  offlinePushInfo?: OfflinePushInfo;
  messageControlInfo?: MessageControlInfo;
}

export type OfflinePushInfo = WireOfflinePushInfo;
export type MessageControlInfo = WireMessageControlInfo;

export interface GetMessageListOptions {
  conversationID: string;
  nextReqMessageID?: string;
}

export interface MessageListResult {
  messageList: Message[];
  nextReqMessageID: string;
  isCompleted: boolean;
}

export interface ConversationListResult {
  conversationList: Conversation[];
  isSyncCompleted: boolean;
}

export interface KickedOutData {
  type: string;
}

/** The `data` each event carries. */
export type ChatEventMap = {
  [EVENT.SDK_READY]: undefined;
  [EVENT.SDK_NOT_READY]: undefined;
  [EVENT.MESSAGE_RECEIVED]: Message[];
  [EVENT.MESSAGE_MODIFIED]: Message[];
  [EVENT.MESSAGE_REVOKED]: Message[];
  [EVENT.MESSAGE_READ_BY_PEER]: Message[];
  [EVENT.MESSAGE_READ_RECEIPT_RECEIVED]: ReadReceiptEvent[];
  [EVENT.CONVERSATION_LIST_UPDATED]: Conversation[];
  [EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED]: number;
  [EVENT.GROUP_LIST_UPDATED]: Group[];
  [EVENT.KICKED_OUT]: KickedOutData;
  [EVENT.ERROR]: { code: number; message: string };
  [EVENT.NET_STATE_CHANGE]: { state: NetState };
  [EVENT.MESSAGE_STATUS_CHANGED]: MessageStatusChange;
  [EVENT.MESSAGE_SEND_RESULT]: MessageSendResult;
  [EVENT.MESSAGE_REACTIONS_UPDATED]: ReactionsUpdatedEvent;
  [EVENT.PROFILE_UPDATED]: Profile[];
  [EVENT.USER_STATUS_UPDATED]: UserStatus[];
  [EVENT.CONVERSATION_GROUP_LIST_UPDATED]: string[];
  [EVENT.CONVERSATION_IN_GROUP_UPDATED]: { groupName: string; conversationList: Conversation[] };
  [EVENT.GROUP_ATTRIBUTES_UPDATED]: Pushes['groupAttributesUpdated'];
  [EVENT.GROUP_COUNTER_UPDATED]: Pushes['groupCounterUpdated'];
  [EVENT.BLACKLIST_UPDATED]: string[];
  [EVENT.FRIEND_LIST_UPDATED]: Friend[];
  [EVENT.FRIEND_APPLICATION_LIST_UPDATED]: FriendApplicationList;
  [EVENT.TOPIC_CREATED]: { groupID: string; topicID: string };
  [EVENT.TOPIC_DELETED]: { groupID: string; topicIDList: string[] };
  [EVENT.TOPIC_UPDATED]: { groupID: string; topic: TopicInfo };
  [EVENT.FRIEND_GROUP_LIST_UPDATED]: FriendGroup[];
};

/** MESSAGE_STATUS_CHANGED: one of this instance's messages, after its status (or upload progress, 0..1) changed. */
export interface MessageStatusChange {
  message: Message;
  /** Upload progress of a file message, 0..1; absent for messages without a file. */
  progress?: number;
}

/** MESSAGE_SEND_RESULT: how a message restored from the outbox ended; `code` 0 when sent, else the error's. */
export interface MessageSendResult {
  message: Message;
  code: number;
  errorMessage?: string;
}
