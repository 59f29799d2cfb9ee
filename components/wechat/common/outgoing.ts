import type { ChatInstance, ChatMessage } from './chat';

/**
 * The composer tells the lists on the same chat about the messages it sends (the SDK raises no
 * event for one's own sends): shown while sending, with progress, then sent or failed.
 * Keyed by chat instance, so two chats never see each other's messages.
 */
export type OutgoingEvent =
  | { type: 'sending' | 'sent' | 'failed'; message: ChatMessage }
  | { type: 'progress'; message: ChatMessage; progress: number };

type Listener = (event: OutgoingEvent) => void;
const channels = new WeakMap<ChatInstance, Set<Listener>>();

export function publishOutgoing(chat: ChatInstance, event: OutgoingEvent): void {
  channels.get(chat)?.forEach((listener) => listener(event));
}

export function subscribeOutgoing(chat: ChatInstance, listener: Listener): () => void {
  let listeners = channels.get(chat);
  if (!listeners) channels.set(chat, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners!.delete(listener);
}
