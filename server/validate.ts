import { PRIORITIES, TYPES, type MessagePriority } from '../plugin/constants';
import { ChatError, ErrorCode } from '../plugin/errors';
import {
  MAX_BODY_BYTES,
  MESSAGE_ID_PATTERN,
  USER_ID_PATTERN,
  messageBodyBytes,
  parseConversationID,
  type WireMessageDraft,
} from '../plugin/protocol';
import { parsePayload } from './payloads';

/** Input checks for what clients send. Each failure is a ChatError with the code the SDK would give. */

export type Fields = Record<string, unknown>;

export function invalid(message: string): ChatError {
  return new ChatError(ErrorCode.INVALID_PARAMETER, message);
}

export function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireString(fields: Fields, name: string, pattern?: RegExp): string {
  const value = fields[name];
  if (typeof value !== 'string') throw invalid(`${name} must be a string, got ${describe(value)}.`);
  if (pattern && !pattern.test(value)) throw invalid(`${name} ${JSON.stringify(value.slice(0, 80))} is not valid; it must match ${pattern}.`);
  return value;
}

function optional<T>(fields: Fields, name: string, type: 'string' | 'boolean', fallback: T): T {
  const value = fields[name];
  if (value === undefined) return fallback;
  if (typeof value !== type) throw invalid(`${name} must be a ${type}, got ${describe(value)}.`);
  return value as T;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value}`;
}

export function requireUserID(fields: Fields, name: string): string {
  return requireString(fields, name, USER_ID_PATTERN);
}

export function requireConversationID(fields: Fields): { conversationID: string; type: 'C2C'; target: string } {
  const conversationID = requireString(fields, 'conversationID');
  const parsed = parseConversationID(conversationID);
  if (!parsed) throw invalid(`conversationID ${JSON.stringify(conversationID.slice(0, 80))} is not valid; use C2C<userID> or GROUP<groupID>.`);
  if (parsed.type === TYPES.CONV_SYSTEM) throw new ChatError(ErrorCode.INVALID_CONVERSATION_TYPE, 'The system conversation has no history to read here.');
  if (parsed.type !== TYPES.CONV_C2C) throw new ChatError(ErrorCode.INVALID_PARAMETER, 'Group conversations are not supported by this server yet.');
  if (!USER_ID_PATTERN.test(parsed.target)) throw invalid(`conversationID names an invalid userID ${JSON.stringify(parsed.target.slice(0, 80))}.`);
  return { conversationID, type: parsed.type, target: parsed.target };
}


/** Turns a `send` frame's data into a draft, or throws the error the sender gets. */
export function parseDraft(d: Fields, sender: string): WireMessageDraft {
  if (d.from !== undefined && d.from !== sender) {
    throw new ChatError(ErrorCode.SENDER_MISMATCH, `This connection is logged in as ${sender}; it cannot send as ${JSON.stringify(String(d.from).slice(0, 80))}.`);
  }
  const ID = requireString(d, 'ID', MESSAGE_ID_PATTERN);
  const conversationType = requireString(d, 'conversationType');
  if (conversationType === TYPES.CONV_SYSTEM) throw new ChatError(ErrorCode.INVALID_CONVERSATION_TYPE, 'Messages cannot be sent to the system conversation.');
  if (conversationType !== TYPES.CONV_C2C) {
    throw invalid(conversationType === TYPES.CONV_GROUP ? 'Group messages are not supported by this server yet.' : `conversationType must be C2C or GROUP, got ${JSON.stringify(conversationType.slice(0, 40))}.`);
  }
  const to = requireUserID(d, 'to');
  const type = requireString(d, 'type');
  const priority = optional<string>(d, 'priority', 'string', TYPES.MSG_PRIORITY_NORMAL);
  if (!(PRIORITIES as readonly string[]).includes(priority)) throw invalid(`priority must be one of ${PRIORITIES.join(', ')}.`);
  if (!isPlainObject(d.payload)) throw invalid(`payload must be an object, got ${describe(d.payload)}.`);
  const { messageType, payload } = parsePayload(type, d.payload);
  const draft: WireMessageDraft = {
    ID,
    type: messageType,
    conversationType: TYPES.CONV_C2C,
    to,
    payload,
    priority: priority as MessagePriority,
    cloudCustomData: optional(d, 'cloudCustomData', 'string', ''),
    needReadReceipt: optional(d, 'needReadReceipt', 'boolean', false),
    isSupportExtension: optional(d, 'isSupportExtension', 'boolean', false),
  };
  const bytes = messageBodyBytes(draft);
  if (bytes > MAX_BODY_BYTES) {
    throw new ChatError(ErrorCode.MESSAGE_TOO_LARGE, `The message body is ${bytes} bytes; the limit is ${MAX_BODY_BYTES} bytes (12 KB). Shorten the text or cloudCustomData.`);
  }
  return draft;
}
