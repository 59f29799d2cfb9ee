import type { ErrorFrame, PushFrame, ResponseFrame, ServerFrame } from '../protocol/frames';
import type { WireMessage } from '../protocol/messages';
import type { ConversationUpdate } from '../protocol/operations';
import { isPlainObject } from '../protocol/fields';

/** Parses one text frame from the server; null for anything that is not a well-formed server frame. */
export function parseServerFrame(text: string): ServerFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isPlainObject(value)) return null;
  if (value.t === 'res' && Number.isSafeInteger(value.id) && typeof value.code === 'number')
    return value as unknown as ResponseFrame;
  if (value.t === 'push' && typeof value.ev === 'string') return value as unknown as PushFrame;
  if (value.t === 'error' && typeof value.code === 'number') return value as unknown as ErrorFrame;
  return null;
}

/** A pushed message with the fields the SDK reads; anything else is ignored rather than crashing a handler. */
export function isWireMessage(value: unknown): value is WireMessage {
  if (!isPlainObject(value)) return false;
  const { ID, type, conversationType, to, from, payload, time, sequence } = value;
  return (
    typeof ID === 'string' &&
    typeof type === 'string' &&
    typeof conversationType === 'string' &&
    typeof to === 'string' &&
    typeof from === 'string' &&
    isPlainObject(payload) &&
    typeof time === 'number' &&
    typeof sequence === 'number'
  );
}

/** A pushed conversation update: its two lists, conversations as objects with an ID and IDs as strings. */
export function isConversationUpdate(value: unknown): value is ConversationUpdate {
  if (!isPlainObject(value)) return false;
  const { conversationList, deletedConversationIDList, conversationGroupList, groupName } = value;
  const names = conversationGroupList;
  return (
    (names === undefined || (Array.isArray(names) && names.every((name) => typeof name === 'string'))) &&
    (groupName === undefined || typeof groupName === 'string') &&
    Array.isArray(conversationList) &&
    conversationList.every((c) => isPlainObject(c) && typeof c.conversationID === 'string') &&
    Array.isArray(deletedConversationIDList) &&
    deletedConversationIDList.every((id) => typeof id === 'string')
  );
}
