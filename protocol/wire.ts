/**
 * The wire protocol between the SDK and the server (docs/protocol.md says the same in prose).
 * JSON text frames over one WebSocket. Only types and pure helpers live here, so the
 * server can share them without pulling in any of the SDK.
 */
import type { ConversationType, GroupRole, GroupType, MessagePriority, MessageType } from './constants';

export const PROTOCOL_VERSION = 1;
export const SOCKET_PATH = '/ws';

/** One message body (text + custom data + cloudCustomData, as sent) may be at most 12 KB. */
export const MAX_BODY_BYTES = 12 * 1024;
export const HISTORY_PAGE_SIZE = 15;

/** The reference allows letters, digits, `_` and `-`, at most 32 bytes. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
/** Message IDs are made by the SDK; the server only needs them bounded and printable. */
export const MESSAGE_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Group IDs: letters, digits and `_ - . @ #` (so the reference's `@TGS#...` form fits), at most 48. */
export const GROUP_ID_PATTERN = /^[A-Za-z0-9_.@#-]{1,48}$/;
/** Targeted group messages may name at most this many receivers. */
export const MAX_RECEIVERS = 50;

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
  /** Group text-at messages: the members named, or MSG_AT_ALL. Also in `payload.atUserList`. */
  atUserList?: string[];
  /** Targeted group message: only these members (and the sender) get it. At most 50. */
  receiverList?: string[];
}

/** `sendMessage`'s options as they travel with a `send`. */
export interface WireSendOptions {
  onlineUserOnly?: boolean;
  offlinePushInfo?: WireOfflinePushInfo;
  messageControlInfo?: WireMessageControlInfo;
}

export interface WireOfflinePushInfo {
  disablePush?: boolean;
  disableVoipPush?: boolean;
  title?: string;
  description?: string;
  extension?: string;
  ignoreIOSBadge?: boolean;
  androidOPPOChannelID?: string;
}

export interface WireMessageControlInfo {
  excludedFromUnreadCount?: boolean;
  excludedFromLastMessage?: boolean;
  excludedFromContentModeration?: boolean;
}

export interface SendRequest extends WireMessageDraft, WireSendOptions {}

export interface WireMessage extends WireMessageDraft {
  from: string;
  /** Seconds since the epoch, server clock. */
  time: number;
  /** Position in its conversation, 1, 2, 3 ... with no gaps; 0 for a message that is not stored (onlineUserOnly, or dropped by the group limit). */
  sequence: number;
  /** Set when the message was sent with onlineUserOnly: not stored, not counted as unread. */
  onlineUserOnly?: boolean;
  messageControlInfo?: WireMessageControlInfo;
  offlinePushInfo?: WireOfflinePushInfo;
  /** C2C messages in history: the peer has read it (setMessageRead). */
  isPeerRead?: boolean;
}

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
}

export interface WireFriend {
  userID: string;
  remark: string;
  time: number;
}

/** Names a stored message: its conversation and ID. */
export interface WireMessageRef {
  conversationID: string;
  ID: string;
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
  count?: number;
}

export interface HistoryResult {
  /** Oldest first, as the reference's getMessageList returns them. */
  messageList: WireMessage[];
  nextReqMessageID: string;
  isCompleted: boolean;
}

type Empty = Record<string, never>;
type GroupRef = { groupID: string };
type UserIDList = { userIDList: string[] };
type MessageRefs = { messageList: WireMessageRef[] };

/** Every request the server understands, with what it answers. */
export interface Operations {
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
  getGroupMemberList: { req: GroupRef & { count?: number; offset?: number }; res: { memberList: WireGroupMember[]; offset: number } };
  addGroupMember: { req: GroupRef & UserIDList; res: { successUserIDList: string[]; existedUserIDList: string[]; group: WireGroup } };
  deleteGroupMember: { req: GroupRef & UserIDList; res: { successUserIDList: string[]; group: WireGroup } };

  addFriend: { req: { to: string; remark?: string }; res: { userID: string } };
  deleteFriend: { req: UserIDList; res: { successUserIDList: string[] } };
  getFriendList: { req: Empty; res: { friendList: WireFriend[] } };
  addToBlacklist: { req: UserIDList; res: { successUserIDList: string[] } };
  getBlacklist: { req: Empty; res: { blacklist: string[] } };

  sendMessageReadReceipt: { req: MessageRefs; res: Empty };
  getMessageReadReceiptList: { req: MessageRefs; res: { messageList: WireReadReceipt[] } };
  setMessageExtensions: { req: { message: WireMessageRef; extensions: WireExtension[] }; res: { extensions: WireExtension[] } };
  getMessageExtensions: { req: { message: WireMessageRef }; res: { extensions: WireExtension[] } };
  deleteMessageExtensions: { req: { message: WireMessageRef; keyList?: string[] }; res: { keyList: string[] } };
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
  /** The user's group list changed (created, joined, added, quit, removed, dismissed); the SDK fetches it again. */
  groupListChanged: { groupID: string };
  /** Someone read messages that asked for a read receipt (groups) or a C2C conversation up to a sequence. */
  readReceipt: WireReadReceipt[];
  /** C2C: the peer read this conversation up to `sequence`. */
  peerRead: { conversationID: string; sequence: number };
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
