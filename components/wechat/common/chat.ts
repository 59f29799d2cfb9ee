import type { ChatMessage } from '../../shared/message';
import type { MessageReaction } from '../../shared/reactions';

/**
 * What the components use of a chat instance (its messages: shared/message.ts). Typed by shape, from the public
 * TencentCloudChat API (reference/compat.md), so the components never import the SDK's internals.
 */
export interface ChatEvent {
  name: string;
  data: unknown;
}

export interface ChatResponse<T> {
  code: number;
  data: T;
}

type Create = (options: Record<string, unknown>) => ChatMessage;

export interface ChatInstance {
  on(event: string, handler: (event: ChatEvent) => void): unknown;
  off(event: string, handler: (event: ChatEvent) => void): void;
  getLoginUser(): string;
  createTextMessage: Create;
  createTextAtMessage: Create;
  createImageMessage: Create;
  createVideoMessage: Create;
  createAudioMessage: Create;
  createFileMessage: Create;
  createFaceMessage: Create;
  createLocationMessage: Create;
  sendMessage(message: ChatMessage): Promise<ChatResponse<{ message: ChatMessage }>>;
  resendMessage(message: ChatMessage): Promise<ChatResponse<{ message: ChatMessage }>>;
  getMessageList(options: {
    conversationID: string;
    nextReqMessageID?: string;
  }): Promise<ChatResponse<{ messageList: ChatMessage[]; nextReqMessageID: string; isCompleted: boolean }>>;
  setMessageRead(options: { conversationID: string }): Promise<unknown>;
  downloadMergerMessage(message: ChatMessage): Promise<ChatResponse<ChatMessage>>;
  revokeMessage(message: ChatMessage): Promise<ChatResponse<{ message: ChatMessage }>>;
  deleteMessage(messageList: ChatMessage[]): Promise<ChatResponse<{ messageList: ChatMessage[] }>>;
  addMessageReaction(message: ChatMessage, reactionID: string): Promise<unknown>;
  removeMessageReaction(message: ChatMessage, reactionID: string): Promise<unknown>;
  getMessageReactions(options: {
    messageList: ChatMessage[];
  }): Promise<ChatResponse<{ resultList: Array<{ messageID: string; reactionList: MessageReaction[] }> }>>;
  getGroupProfile(options: { groupID: string }): Promise<ChatResponse<{ group: { selfInfo?: { role?: string } } }>>;
}
