/**
 * The wire protocol between the SDK and the server (docs/protocol.md says the same in prose).
 * JSON text frames over one WebSocket. Only types and pure helpers live here, so the
 * server can share them without pulling in any of the SDK.
 */
import type { ConversationType, MessagePriority, MessageType } from './constants';

export const PROTOCOL_VERSION = 1;
export const SOCKET_PATH = '/ws';

/** One message body (text + custom data + cloudCustomData, as sent) may be at most 12 KB. */
export const MAX_BODY_BYTES = 12 * 1024;
export const HISTORY_PAGE_SIZE = 15;

/** The reference allows letters, digits, `_` and `-`, at most 32 bytes. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** Message IDs are made by the SDK; the server only needs them bounded and printable. */
export const MESSAGE_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface RequestFrame<Op extends string = string, D = unknown> {
  t: 'req';
  id: number;
  op: Op;
  d: D;
}

export interface ResponseFrame<D = unknown> {
  t: 'res';
  id: number;
  code: number;
  msg?: string;
  d?: D;
}

export interface PushFrame<Ev extends string = string, D = unknown> {
  t: 'push';
  ev: Ev;
  d: D;
}

/** Answer to a frame that has no usable request id (not JSON, not an object, no `id`). */
export interface ErrorFrame {
  t: 'error';
  code: number;
  msg: string;
}

export type ServerFrame = ResponseFrame | PushFrame | ErrorFrame;

/** A message as it travels: what the sender gives plus what the server stamps on it. */
export interface WireMessageDraft {
  ID: string;
  type: MessageType;
  conversationType: ConversationType;
  to: string;
  /** Optional; when present it must be the logged-in user. The server never trusts it otherwise. */
  from?: string;
  payload: Record<string, unknown>;
  priority: MessagePriority;
  cloudCustomData: string;
  needReadReceipt: boolean;
  isSupportExtension: boolean;
}

export interface WireMessage extends WireMessageDraft {
  from: string;
  /** Seconds since the epoch, server clock. */
  time: number;
  /** Position in its conversation, 1, 2, 3 ... with no gaps. */
  sequence: number;
}

export interface WireConversation {
  conversationID: string;
  type: ConversationType;
  unreadCount: number;
  lastMessage: WireMessage | null;
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
  count?: number;
}

export interface HistoryResult {
  /** Oldest first, as the reference's getMessageList returns them. */
  messageList: WireMessage[];
  nextReqMessageID: string;
  isCompleted: boolean;
}

/** Every request the server understands, with what it answers. */
export interface Operations {
  login: { req: LoginRequest; res: LoginResult };
  ping: { req: Record<string, never>; res: { serverTime: number } };
  send: { req: WireMessageDraft; res: WireMessage };
  getMessageList: { req: HistoryRequest; res: HistoryResult };
  getConversationList: { req: Record<string, never>; res: { conversationList: WireConversation[] } };
  setMessageRead: { req: { conversationID: string }; res: Record<string, never> };
  uploadToken: { req: Record<string, never>; res: UploadTokenResult };
}

/** A short-lived credential for the `/files` HTTP endpoints (`Authorization: Tidings <token>`). */
export interface UploadTokenResult {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}
export type OperationName = keyof Operations;

/** Every push the server sends, with its data. */
export interface Pushes {
  message: WireMessage;
}
export type PushName = keyof Pushes;

/** UTF-8 length without TextEncoder, which older mini-program runtimes lack. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The size the 12 KB rule counts: the payload and cloudCustomData as they are sent. */
export function messageBodyBytes(message: Pick<WireMessageDraft, 'payload' | 'cloudCustomData'>): number {
  return utf8Length(JSON.stringify(message.payload)) + utf8Length(message.cloudCustomData);
}

export interface ParsedConversationID {
  type: ConversationType;
  /** The peer's userID for C2C, the groupID for GROUP. */
  target: string;
}

/** `C2Cuser1` → C2C with user1; `GROUPg1` → GROUP g1; `@TIM#SYSTEM` → the system conversation. */
export function parseConversationID(conversationID: string): ParsedConversationID | null {
  if (conversationID === '@TIM#SYSTEM') return { type: '@TIM#SYSTEM', target: '' };
  if (conversationID.startsWith('C2C') && conversationID.length > 3) {
    return { type: 'C2C', target: conversationID.slice(3) };
  }
  if (conversationID.startsWith('GROUP') && conversationID.length > 5) {
    return { type: 'GROUP', target: conversationID.slice(5) };
  }
  return null;
}

/** The conversation a message belongs to, seen by `viewer`. */
export function conversationIDFor(message: Pick<WireMessage, 'conversationType' | 'from' | 'to'>, viewer: string): string {
  if (message.conversationType === 'C2C') return `C2C${message.from === viewer ? message.to : message.from}`;
  return `${message.conversationType}${message.to}`;
}
