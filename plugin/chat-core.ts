import type { Connection } from './connection';
import type { ChatEventMap } from './types';

/** What the Chat's feature helpers (groups, relations, receipts) need from the instance that owns them. */
export interface ChatCore {
  /** The socket, or a ChatError 2999 when the SDK is not ready. */
  requireReady(): Connection;
  /** The logged-in user, '' before login. */
  userID(): string;
  emit<E extends Extract<keyof ChatEventMap, string>>(event: E, data: ChatEventMap[E]): void;
}
