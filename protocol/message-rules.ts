/**
 * The rules on a message's fields and content that both sides check: the SDK's create*Message
 * before anything is sent, the server on every `send`, with the same codes and messages.
 * File payloads are the server's to complete (server/payloads.ts); their upload rules are in upload-rules.ts.
 */
import { PRIORITIES, TYPES, type MessagePriority } from './constants';
import { ChatError, ErrorCode } from './errors';
import { describe, invalid, oneOf, optionalString, own, requireNonEmptyString, type Fields } from './fields';
import { GROUP_ID_PATTERN, MAX_AT_USERS, USER_ID_PATTERN } from './limits';

export type SendableConversationType = typeof TYPES.CONV_C2C | typeof TYPES.CONV_GROUP;
const SENDABLE_CONVERSATION_TYPES: readonly SendableConversationType[] = [TYPES.CONV_C2C, TYPES.CONV_GROUP];

/** C2C or GROUP; the system conversation is 2106. */
export function requireSendableConversationType(value: unknown): SendableConversationType {
  if (value === TYPES.CONV_SYSTEM) {
    throw new ChatError(
      ErrorCode.INVALID_CONVERSATION_TYPE,
      'Messages cannot be sent to the system conversation (@TIM#SYSTEM).',
    );
  }
  return oneOf(value, SENDABLE_CONVERSATION_TYPES, 'conversationType');
}

/** `to`: a userID for C2C, a groupID for GROUP. */
export function requireRecipient(fields: Fields, conversationType: SendableConversationType): string {
  const to = requireNonEmptyString(fields, 'to', 'to');
  if (conversationType === TYPES.CONV_C2C && !USER_ID_PATTERN.test(to)) {
    throw invalid(`to must be a userID (letters, digits, _ and -, at most 32), got ${describe(to)}.`);
  }
  if (conversationType === TYPES.CONV_GROUP && !GROUP_ID_PATTERN.test(to)) {
    throw invalid(`to must be a groupID (letters, digits and _ - . @ #, at most 48), got ${describe(to)}.`);
  }
  return to;
}

export function optionalPriority(fields: Fields): MessagePriority {
  const priority = own(fields, 'priority');
  return priority === undefined ? TYPES.MSG_PRIORITY_NORMAL : oneOf(priority, PRIORITIES, 'priority');
}

/** 1 to `max` userIDs, each named once. */
export function requireUserIDs(value: unknown, name: string, max: number): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw invalid(`${name} must be a non-empty array of userIDs, got ${describe(value)}.`);
  if (value.length > max) throw invalid(`${name} may name at most ${max} users, got ${value.length}.`);
  for (const item of value) {
    if (typeof item !== 'string' || !USER_ID_PATTERN.test(item))
      throw invalid(
        `${name} has an invalid userID ${JSON.stringify(String(item).slice(0, 40))}; userIDs are letters, digits, _ and -, at most 32.`,
      );
  }
  return [...new Set(value as string[])];
}

/** A text-at message's `payload.atUserList`: 1 to 30 userIDs or TYPES.MSG_AT_ALL, each named once. */
export function requireAtUserList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_AT_USERS) {
    throw invalid(
      `payload.atUserList must be an array of 1 to ${MAX_AT_USERS} userIDs or TYPES.MSG_AT_ALL, got ${describe(value)}.`,
    );
  }
  for (const item of value) {
    if (typeof item !== 'string' || (item !== TYPES.MSG_AT_ALL && !USER_ID_PATTERN.test(item))) {
      throw invalid(
        `payload.atUserList has an invalid entry ${JSON.stringify(String(item).slice(0, 40))}; use userIDs or TYPES.MSG_AT_ALL.`,
      );
    }
  }
  return [...new Set(value as string[])];
}

function requireNumber(payload: Fields, name: string, limit: number): number {
  const value = own(payload, name);
  if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw invalid(`payload.${name} must be a number from -${limit} to ${limit}, got ${describe(value)}.`);
  }
  return value;
}

export function textPayload(payload: Fields): { text: string } {
  const text = own(payload, 'text');
  if (typeof text !== 'string') throw invalid(`payload.text must be a string, got ${describe(text)}.`);
  return { text };
}

export function customPayload(payload: Fields): { data: string; description: string; extension: string } {
  return {
    data: optionalString(payload, 'data', 'payload.data', ''),
    description: optionalString(payload, 'description', 'payload.description', ''),
    extension: optionalString(payload, 'extension', 'payload.extension', ''),
  };
}

export function facePayload(payload: Fields): { index: number; data: string } {
  const index = own(payload, 'index');
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || Math.abs(index) > 2 ** 31 - 1) {
    throw invalid(`payload.index must be a whole number (the face's index in your face set), got ${describe(index)}.`);
  }
  return { index, data: optionalString(payload, 'data', 'payload.data', '') };
}

export function locationPayload(payload: Fields): { description: string; longitude: number; latitude: number } {
  return {
    description: optionalString(payload, 'description', 'payload.description', ''),
    longitude: requireNumber(payload, 'longitude', 180),
    latitude: requireNumber(payload, 'latitude', 90),
  };
}
