import { EVENT } from '../protocol/constants';
import { parseConversationID } from '../protocol/conversation-id';
import { describe, invalid, own, type Fields } from '../protocol/fields';
import type { ChatEventMap } from './types';

/** Checks on what callers pass in that only the SDK makes; the field checkers both sides share are in protocol/fields.ts. */

export type EventName = Extract<keyof ChatEventMap, string>;
const EVENT_NAMES: ReadonlySet<string> = new Set(Object.values(EVENT));

export function isEventName(name: string): name is EventName {
  return EVENT_NAMES.has(name);
}

export function requireConversationID(fields: Fields): string {
  const conversationID = own(fields, 'conversationID');
  if (typeof conversationID !== 'string' || !parseConversationID(conversationID)) {
    throw invalid(
      `conversationID must be C2C<userID>, GROUP<groupID> or @TIM#SYSTEM, got ${describe(conversationID)}.`,
    );
  }
  return conversationID;
}
