/** A message as it travels, and the 12 KB rule on its body. */
import type { ConversationType, MessagePriority, MessageType } from './constants';
import { ChatError, ErrorCode } from './errors';
import { MAX_BODY_BYTES } from './limits';
import type { WireMessageControlInfo, WireOfflinePushInfo, WireSendOptions } from './send-options';

/** What the sender gives. */
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

/** The data of a `send` request: the draft and its send options. */
export interface SendRequest extends WireMessageDraft, WireSendOptions {}

/** A message as stored and delivered: the draft plus what the server stamps on it. */
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
  /** Revoked (revokeMessage): kept in history, marked, with who revoked it. */
  isRevoked?: boolean;
  revoker?: string;
  /** Changed by modifyMessage. */
  isModified?: boolean;
  /** Bumped by every modifyMessage and revoke; absent means 0. modifyMessage names the version it edited. */
  version?: number;
  /** The sender's profile nick and avatar when it was sent (stamped by the server; absent when empty). */
  nick?: string;
  avatar?: string;
}

/** Names a stored message: its conversation and ID. */
export interface WireMessageRef {
  conversationID: string;
  ID: string;
}

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

type MessageBody = Pick<WireMessageDraft, 'payload' | 'cloudCustomData'>;

/** The size the 12 KB rule counts: the payload and cloudCustomData as they are sent. */
export function messageBodyBytes(message: MessageBody): number {
  return utf8Length(JSON.stringify(message.payload)) + utf8Length(message.cloudCustomData);
}

/** Throws 80002 when the body is over 12 KB. */
export function checkBodySize(message: MessageBody): void {
  const bytes = messageBodyBytes(message);
  if (bytes > MAX_BODY_BYTES) {
    throw new ChatError(
      ErrorCode.MESSAGE_TOO_LARGE,
      `The message body is ${bytes} bytes; the limit is ${MAX_BODY_BYTES} bytes (12 KB). Shorten the text or cloudCustomData.`,
    );
  }
}
