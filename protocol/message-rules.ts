/**
 * The rules on a message's fields and content that both sides check: the SDK's create*Message
 * before anything is sent, the server on every `send`, with the same codes and messages. Each is
 * the schema the server runs (schemas/), applied to one field.
 * File payloads are the server's to complete (server/payloads.ts); their upload rules are in upload-rules.ts.
 */
import { TYPES, type MessagePriority } from './constants';
import { describe, invalid, own, type Fields } from './fields';
import { GROUP_ID_PATTERN, USER_ID_PATTERN } from './limits';
import { userIDList } from './schemas/common';
import * as content from './schemas/content';
import { priority, sendableConversationType } from './schemas/draft';
import { parseWith } from './schemas/issues';

export type SendableConversationType = typeof TYPES.CONV_C2C | typeof TYPES.CONV_GROUP;

/** C2C or GROUP; the system conversation is 2106. */
export function requireSendableConversationType(value: unknown): SendableConversationType {
  return parseWith(sendableConversationType, value, 'conversationType');
}

/** `to`: a userID for C2C, a groupID for GROUP. */
export function requireRecipient(fields: Fields, conversationType: SendableConversationType): string {
  const to = own(fields, 'to');
  if (typeof to !== 'string' || to === '') throw invalid(`to must be a non-empty string, got ${describe(to)}.`);
  if (conversationType === TYPES.CONV_C2C && !USER_ID_PATTERN.test(to)) {
    throw invalid(`to must be a userID (letters, digits, _ and -, at most 32), got ${describe(to)}.`);
  }
  if (conversationType === TYPES.CONV_GROUP && !GROUP_ID_PATTERN.test(to)) {
    throw invalid(`to must be a groupID (letters, digits and _ - . @ #, at most 48), got ${describe(to)}.`);
  }
  return to;
}

export function optionalPriority(fields: Fields): MessagePriority {
  return parseWith(priority, own(fields, 'priority'), 'priority');
}

/** 1 to `max` userIDs, each named once. */
export function requireUserIDs(value: unknown, name: string, max: number): string[] {
  return parseWith(userIDList(max), value, name);
}

/** A text-at message's `payload.atUserList`: 1 to 30 userIDs or TYPES.MSG_AT_ALL, each named once. */
export function requireAtUserList(value: unknown): string[] {
  return parseWith(content.atUserList, value, 'payload.atUserList');
}

export function textPayload(payload: Fields): { text: string } {
  return { text: parseWith(content.textPayload, payload, 'payload').text };
}

export function customPayload(payload: Fields): { data: string; description: string; extension: string } {
  return parseWith(content.customPayload, payload, 'payload');
}

export function facePayload(payload: Fields): { index: number; data: string } {
  return parseWith(content.facePayload, payload, 'payload');
}

export function locationPayload(payload: Fields): { description: string; longitude: number; latitude: number } {
  return parseWith(content.locationPayload, payload, 'payload');
}
