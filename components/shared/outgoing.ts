import type { ChatMessage } from './message';
import type { OUTGOING_EVENTS } from './spec';

/** What a chat-composer tells the message-lists of its chat (the events of spec.ts OUTGOING_EVENTS). */
export type OutgoingEvent =
  | { type: Exclude<keyof typeof OUTGOING_EVENTS, 'progress'>; message: ChatMessage }
  | { type: 'progress'; message: ChatMessage; progress: number };

type Listener = (event: OutgoingEvent) => void;

/** Keyed by chat instance (not one module-level list), so two chats never see each other's messages. */
const channels = new WeakMap<object, Set<Listener>>();

export function publishOutgoing(chat: object, event: OutgoingEvent): void {
  channels.get(chat)?.forEach((listener) => listener(event));
}

/** Returns the unsubscribe function. */
export function subscribeOutgoing(chat: object, listener: Listener): () => void {
  let listeners = channels.get(chat);
  if (!listeners) channels.set(chat, (listeners = new Set()));
  const own = listeners;
  own.add(listener);
  return () => void own.delete(listener);
}
