import type { HistoryRequest, HistoryResult, WireConversation, WireMessage } from './protocol';

/** At most this many messages are fetched per conversation; older ones stay in history. */
export const CATCH_UP_LIMIT = 100;

/**
 * The messages that arrived while the socket was down: for each conversation whose last
 * sequence moved past the one this client had seen, the history pages back to it, oldest first.
 */
export async function missedMessages(
  fetchPage: (request: HistoryRequest) => Promise<HistoryResult>,
  seenBefore: ReadonlyMap<string, number>,
  conversations: readonly WireConversation[],
): Promise<WireMessage[]> {
  const missed: WireMessage[] = [];
  for (const conversation of conversations) {
    const seen = seenBefore.get(conversation.conversationID) ?? 0;
    if ((conversation.lastMessage?.sequence ?? 0) <= seen) continue;
    const found: WireMessage[] = [];
    let nextReqMessageID: string | undefined;
    for (;;) {
      const page = await fetchPage(nextReqMessageID ? { conversationID: conversation.conversationID, nextReqMessageID } : { conversationID: conversation.conversationID });
      const newer = page.messageList.filter((message) => message.sequence > seen);
      found.unshift(...newer);
      const reachedSeen = newer.length < page.messageList.length;
      if (reachedSeen || page.isCompleted || found.length >= CATCH_UP_LIMIT || !page.nextReqMessageID) break;
      nextReqMessageID = page.nextReqMessageID;
    }
    missed.push(...found.slice(-CATCH_UP_LIMIT));
  }
  return missed;
}

/** The IDs of the last `max` messages this instance has shown (sent or received), so none is shown twice. */
export class RecentIDs {
  private readonly ids = new Set<string>();

  constructor(private readonly max = 1000) {}

  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}
