import type { ChatMessage } from '../common/chat';

/** One row of the list: the message, and a time separator above it when one is due. */
export interface Item {
  id: string;
  message: ChatMessage;
  timeText: string;
  progress: number;
}

/** A separator when five minutes passed since the message above (or there is none). */
export const SEPARATOR_GAP_SECONDS = 5 * 60;

const pad = (n: number) => String(n).padStart(2, '0');

export function formatTime(seconds: number, now = new Date()): string {
  const date = new Date(seconds * 1000);
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  if (date.toDateString() === now.toDateString()) return time;
  const day = `${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  return date.getFullYear() === now.getFullYear() ? `${day} ${time}` : `${date.getFullYear()}-${day} ${time}`;
}

/** An id usable by scroll-into-view (letters first, no punctuation). */
export function itemID(messageID: string): string {
  return `m${messageID.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function itemOf(message: ChatMessage, previous: ChatMessage | undefined): Item {
  const due = !previous || message.time - previous.time >= SEPARATOR_GAP_SECONDS;
  return { id: itemID(message.ID), message, timeText: due ? formatTime(message.time) : '', progress: -1 };
}
