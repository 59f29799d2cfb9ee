import { MSG, stringOf } from './message';
import type { Locale } from './spec';
import { messageSummary, type SummarizedMessage } from './summary';

/**
 * Quote replies in TUIKit's format, so a reply sent from Tidings' components shows as one in TUIKit's
 * (and the other way round): the reply's `cloudCustomData` is a JSON object whose `messageReply` names
 * the quoted message. Pure functions: no SDK, no platform API.
 */

/** TUIKit's `messageReply`. `messageType` is the quoted message's element type as TUIKit numbers them (see ELEM_TYPE_CODES). */
export interface MessageReply {
  /** A one-line summary of the quoted message (its text, or `[图片]` / `[Photo]` …). */
  messageAbstract: string;
  /** Who sent it, as shown: nick, or userID. */
  messageSender: string;
  messageType: number;
  messageID: string;
  /** Seconds since the epoch. */
  messageTime?: number;
  messageSequence?: number;
  version: number;
  /** Only in a reply within a thread (TUIKit's "reply", not "quote"): the thread's first message. */
  messageRootID?: string;
}

/** What is read of the message being quoted: a TencentCloudChat Message has all of it. */
export interface QuotableMessage extends SummarizedMessage {
  ID: string;
  from: string;
  nick?: string;
  time?: number;
  sequence?: number;
}

export const QUOTE_REPLY_VERSION = 1;

/** TUIKit's element type numbers (the native SDKs' V2TIM_ELEM_TYPE_*), which `messageType` carries. */
export const ELEM_TYPE_CODES: Readonly<Record<string, number>> = Object.freeze({
  [MSG.TEXT]: 1,
  [MSG.CUSTOM]: 2,
  [MSG.IMAGE]: 3,
  [MSG.AUDIO]: 4,
  [MSG.VIDEO]: 5,
  [MSG.FILE]: 6,
  [MSG.LOCATION]: 7,
  [MSG.FACE]: 8,
  [MSG.GROUP_TIP]: 9,
  [MSG.MERGER]: 10,
});

/** The element type number of a message type ('TIMTextElem' → 1); 0 for one TUIKit does not number. */
export function elemTypeCode(type: string): number {
  return ELEM_TYPE_CODES[type] ?? 0;
}

/** The message type of an element type number (1 → 'TIMTextElem'); '' for an unknown one. */
export function messageTypeOfCode(code: number): string {
  return Object.keys(ELEM_TYPE_CODES).find((type) => ELEM_TYPE_CODES[type] === code) ?? '';
}

/** `messageReply` for a reply to `quoted`; the abstract in `locale` (TUIKit shows it as sent). */
export function buildQuoteReply(quoted: QuotableMessage, locale: Locale = 'zh'): MessageReply {
  const reply: MessageReply = {
    messageAbstract: messageSummary(quoted, locale),
    messageSender: quoted.nick || quoted.from,
    messageType: elemTypeCode(quoted.type),
    messageID: quoted.ID,
    version: QUOTE_REPLY_VERSION,
  };
  if (quoted.time) reply.messageTime = quoted.time;
  if (quoted.sequence) reply.messageSequence = quoted.sequence;
  return reply;
}

function objectOf(json: string): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * The `cloudCustomData` of a reply to `quoted`: `existing` (the app's own cloudCustomData, a JSON object or '')
 * with `messageReply` set. Pass it as `cloudCustomData` to `chat.createTextMessage`.
 */
export function quoteReplyCloudCustomData(quoted: QuotableMessage, existing = '', locale: Locale = 'zh'): string {
  return JSON.stringify({ ...(objectOf(existing) ?? {}), messageReply: buildQuoteReply(quoted, locale) });
}

/** The quote a message's `cloudCustomData` carries, or null when it has none (or it is not TUIKit's shape). */
export function parseQuoteReply(cloudCustomData: string | undefined): MessageReply | null {
  const reply = objectOf(cloudCustomData ?? '')?.messageReply;
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) return null;
  const fields = reply as Record<string, unknown>;
  const messageID = stringOf(fields.messageID);
  if (!messageID) return null;
  // Some TUIKit builds write the type as the message type string instead of its number.
  const type = fields.messageType;
  const parsed: MessageReply = {
    messageAbstract: stringOf(fields.messageAbstract),
    messageSender: stringOf(fields.messageSender),
    messageType: typeof type === 'number' ? type : elemTypeCode(stringOf(type)),
    messageID,
    version: typeof fields.version === 'number' ? fields.version : QUOTE_REPLY_VERSION,
  };
  if (typeof fields.messageTime === 'number') parsed.messageTime = fields.messageTime;
  if (typeof fields.messageSequence === 'number') parsed.messageSequence = fields.messageSequence;
  if (typeof fields.messageRootID === 'string' && fields.messageRootID) parsed.messageRootID = fields.messageRootID;
  return parsed;
}
