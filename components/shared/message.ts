/**
 * What the components read of a message: the public TencentCloudChat Message (reference/compat.md), typed
 * by shape so the components never import the SDK's internals.
 */
export interface ChatMessage {
  ID: string;
  type: string;
  payload: Record<string, unknown>;
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
  /** A quote reply carries TUIKit's `{ messageReply }` here (quote-reply.ts). */
  cloudCustomData?: string;
  /** One's own C2C message was read by the peer. */
  isPeerRead?: boolean;
  /** Who recalled the message (the sender, or a group owner/admin). */
  revoker?: string;
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
  GROUP_SYSTEM_NOTICE: 'TIMGroupSystemNoticeElem',
  AT_ALL: '__kImSDK_MesssageAtALL__',
} as const;

/** TencentCloudChat.EVENT values the message list listens to (MESSAGE_STATUS_CHANGED is a Tidings addition). */
export const EVENTS = {
  MESSAGE_RECEIVED: 'onMessageReceived',
  MESSAGE_REVOKED: 'onMessageRevoked',
  MESSAGE_STATUS_CHANGED: 'onMessageStatusChanged',
  MESSAGE_READ_BY_PEER: 'onMessageReadByPeer',
  MESSAGE_REACTIONS_UPDATED: 'onMessageReactionsUpdated',
} as const;

/** MESSAGE_STATUS_CHANGED's data: one of the chat's own messages after a status or upload-progress change. */
export interface MessageStatusChange {
  message: ChatMessage;
  /** 0..1 while a file uploads. */
  progress?: number;
}

/** A payload field as a string ('' when missing or of another type). */
export const stringOf = (value: unknown): string => (typeof value === 'string' ? value : '');
/** A payload field as a finite number (0 when missing or of another type). */
export const numberOf = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
/** A payload field as a list of strings. */
export const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** `C2Calice` → { conversationType: 'C2C', to: 'alice' }; `GROUPg1` → GROUP, 'g1'; null for anything else. */
export function targetOf(conversationID: string): { conversationType: 'C2C' | 'GROUP'; to: string } | null {
  if (conversationID.startsWith('C2C') && conversationID.length > 3)
    return { conversationType: 'C2C', to: conversationID.slice(3) };
  if (conversationID.startsWith('GROUP') && conversationID.length > 5)
    return { conversationType: 'GROUP', to: conversationID.slice(5) };
  return null;
}
