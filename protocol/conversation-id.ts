/** Conversation IDs: `C2C<userID>`, `GROUP<groupID>` or `@TIM#SYSTEM`, as the reference names them. */
import type { ConversationType } from './constants';

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
export function conversationIDFor(
  message: { conversationType: ConversationType; from: string; to: string },
  viewer: string,
): string {
  if (message.conversationType === 'C2C') return `C2C${message.from === viewer ? message.to : message.from}`;
  if (message.conversationType === '@TIM#SYSTEM') return '@TIM#SYSTEM';
  return `${message.conversationType}${message.to}`;
}
