/** The platform-free public surface; each `adapters/entry.<platform>.ts` re-exports it with its platform. */
export { makeTencentCloudChat, type TencentCloudChatNamespace } from './namespace';
export { Chat } from './chat';
export { TYPES, EVENT, type MessageType, type MessagePriority, type ConversationType, type NetState, type EventName } from './constants';
export { ChatError, ErrorCode, type ErrorCodeValue } from './errors';
export { Message, type MessagePayload, type MessageFlow, type MessageStatus, type ReadReceiptInfo } from './message';
export type { TextMessageOptions } from './factories';
export type { Conversation, ConversationLastMessage, ConversationUserProfile } from './conversations';
export type { EmittedEvent, EventHandler } from './emitter';
export type {
  ChatOptions,
  LoginOptions,
  ChatResponse,
  SendMessageOptions,
  GetMessageListOptions,
  MessageListResult,
  ConversationListResult,
  KickedOutData,
  ChatEventMap,
} from './types';
