/**
 * What the components use of a chat instance and its messages. Typed by shape, from the public
 * TencentCloudChat API (reference/compat.md), so the components never import the SDK's internals.
 */
export interface ChatMessage {
  ID: string;
  type: string;
  payload: Record<string, any>;
  conversationID: string;
  conversationType: string;
  to: string;
  from: string;
  flow: 'in' | 'out';
  time: number;
  status: 'unSend' | 'success' | 'fail';
  isRevoked: boolean;
  nick: string;
  avatar: string;
  atUserList: string[];
}

export interface ChatEvent {
  name: string;
  data: any;
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
  getMessageList(options: { conversationID: string; nextReqMessageID?: string }): Promise<ChatResponse<{ messageList: ChatMessage[]; nextReqMessageID: string; isCompleted: boolean }>>;
  setMessageRead(options: { conversationID: string }): Promise<unknown>;
  downloadMergerMessage(message: ChatMessage): Promise<ChatResponse<ChatMessage>>;
}

/** TencentCloudChat.TYPES values the components compare against (public, fixed by the reference). */
export const MSG = {
  TEXT: 'TIMTextElem',
  IMAGE: 'TIMImageElem',
  AUDIO: 'TIMSoundElem',
  VIDEO: 'TIMVideoFileElem',
  FILE: 'TIMFileElem',
  FACE: 'TIMFaceElem',
  LOCATION: 'TIMLocationElem',
  CUSTOM: 'TIMCustomElem',
  MERGER: 'TIMRelayElem',
  GROUP_TIP: 'TIMGroupTipElem',
  AT_ALL: '__kImSDK_MesssageAtALL__',
} as const;

export const EVENTS = { MESSAGE_RECEIVED: 'onMessageReceived', MESSAGE_REVOKED: 'onMessageRevoked' } as const;

/** `C2Calice` → { conversationType: 'C2C', to: 'alice' }; `GROUPg1` → GROUP, 'g1'. */
export function targetOf(conversationID: string): { conversationType: 'C2C' | 'GROUP'; to: string } | null {
  if (conversationID.startsWith('C2C') && conversationID.length > 3) return { conversationType: 'C2C', to: conversationID.slice(3) };
  if (conversationID.startsWith('GROUP') && conversationID.length > 5) return { conversationType: 'GROUP', to: conversationID.slice(5) };
  return null;
}

export interface ChatErrorLike {
  code?: number;
  message?: string;
}
