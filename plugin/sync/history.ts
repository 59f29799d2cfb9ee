import type { WireMessage } from '../../protocol/messages';
import type { HistoryRequest, HistoryResult, WireConversation } from '../../protocol/operations';

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
    if (listedSequenceOf(conversation) <= seen) continue;
    missed.push(...(await historyAfter(fetchPage, conversation.conversationID, seen)));
  }
  return missed;
}

/**
 * A conversation's messages after sequence `seen`, oldest first: the history pages going back
 * from `before` (not included) or from the newest, at most CATCH_UP_LIMIT of them.
 */
export async function historyAfter(
  fetchPage: (request: HistoryRequest) => Promise<HistoryResult>,
  conversationID: string,
  seen: number,
  before?: string,
): Promise<WireMessage[]> {
  const found: WireMessage[] = [];
  let nextReqMessageID = before;
  for (;;) {
    const page = await fetchPage(nextReqMessageID ? { conversationID, nextReqMessageID } : { conversationID });
    const newer = page.messageList.filter((message) => message.sequence > seen);
    found.unshift(...newer);
    const reachedSeen = newer.length < page.messageList.length;
    if (reachedSeen || page.isCompleted || found.length >= CATCH_UP_LIMIT || !page.nextReqMessageID) break;
    nextReqMessageID = page.nextReqMessageID;
  }
  return found.slice(-CATCH_UP_LIMIT);
}

/** Where a listed conversation stands: its last sequence, or (from a server that does not say it) its last message's. */
export function listedSequenceOf(conversation: WireConversation): number {
  return conversation.lastSequence ?? conversation.lastMessage?.sequence ?? 0;
}
