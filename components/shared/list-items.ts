import type { ChatMessage } from './message';
import { formatTime } from './time';

/** One row of a message list: the message, and the time separator above it ('' for none). */
export interface ListItem {
  id: string;
  message: ChatMessage;
  timeText: string;
}

/** A separator when five minutes passed since the message above (or there is none). */
export const SEPARATOR_GAP_SECONDS = 5 * 60;

/** An id usable by scroll-into-view (a letter first, no punctuation). */
export function itemID(messageID: string): string {
  return `m${messageID.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** The row of `message` shown below `previous` (undefined: the first row shown). */
export function itemOf(message: ChatMessage, previous: ChatMessage | undefined, now: Date = new Date()): ListItem {
  const due = !previous || message.time - previous.time >= SEPARATOR_GAP_SECONDS;
  return { id: itemID(message.ID), message, timeText: due ? formatTime(message.time, now) : '' };
}

/** The rows of messages shown oldest first. */
export function itemsOf(messages: readonly ChatMessage[], now: Date = new Date()): ListItem[] {
  return messages.map((message, index) => itemOf(message, messages[index - 1], now));
}
