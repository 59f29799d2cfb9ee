import type { ChatError } from '../../plugin/errors';
import type { HistoryResult, WireConversation, WireMessage, WireMessageDraft } from '../../plugin/protocol';

/** A send that passed validation, waiting for the next group commit. */
export interface SendIntent {
  app: number;
  sender: string;
  draft: WireMessageDraft;
}

export type CommitOutcome =
  | { ok: true; message: WireMessage; duplicate: boolean }
  | { ok: false; error: ChatError };

export interface HistoryQuery {
  app: number;
  /** The server's conversation key (see conversation-key.ts). */
  conv: string;
  conversationID: string;
  nextReqMessageID?: string;
  count: number;
}

/**
 * Where messages and conversations are kept. SQLite is the embedded default; the interface
 * is asynchronous so a networked database can implement it too.
 */
export interface Store {
  /** Stores the sends in one transaction, durable when the promise resolves; one outcome per intent, in order. */
  commitMessages(intents: SendIntent[]): Promise<CommitOutcome[]>;
  getMessageList(query: HistoryQuery): Promise<HistoryResult>;
  getConversationList(app: number, userID: string): Promise<WireConversation[]>;
  setMessageRead(app: number, userID: string, conversationID: string): Promise<void>;
  close(): Promise<void>;
}
