/** The platform-free public surface; each `adapters/entry.<platform>.ts` re-exports it with its platform. */
export { makeTencentCloudChat, type TencentCloudChatNamespace } from './namespace';
export { Chat } from './chat';
export {
  TYPES,
  EVENT,
  type MessageType,
  type MessagePriority,
  type ConversationType,
  type NetState,
  type EventName,
  type GroupType,
  type GroupRole,
} from '../protocol/constants';
export { ChatError, ErrorCode, type ErrorCodeValue } from '../protocol/errors';
export { Message, type MessagePayload, type MessageFlow, type MessageStatus, type ReadReceiptInfo } from './message';
export type { TextMessageOptions, TextAtMessageOptions } from './factories';
export type { Group, GroupMember, CreateGroupOptions, GroupMembersOptions } from './groups';
export type { Friend, AddFriendOptions, FriendApplication, FriendApplicationList, FriendGroup } from './relations';
export type { TopicInfo, CreateTopicOptions, UpdateTopicOptions } from './topics';
export type { MessageExtension, ReadReceiptEvent } from './receipts';
export type { MessageReaction, ReactionUser, ReactionsUpdatedEvent } from './reactions';
export type { SearchCloudMessagesOptions, SearchCloudMessagesData, SearchResultItem } from './message-services';
export type { Conversation, ConversationLastMessage, ConversationUserProfile, GroupAtInfo } from './conversations';
export type { EmittedEvent, EventHandler } from './emitter';
export type { Profile, UpdateMyProfileOptions } from './profiles';
export type { UserStatus } from './user-status';
export type { Gender, AllowType, AdminForbidType, UserStatusType, ProfileCustomField } from '../protocol/profiles';
export type {
  ChatOptions,
  LoginOptions,
  ChatResponse,
  SendMessageOptions,
  OfflinePushInfo,
  MessageControlInfo,
  GetMessageListOptions,
  MessageListResult,
  ConversationListResult,
  KickedOutData,
  ChatEventMap,
} from './types';
