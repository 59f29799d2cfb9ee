/**
 * What a bubble shows of a quote reply: TUIKit's `cloudCustomData.messageReply` (messageID, messageAbstract,
 * messageSender, messageType, version). A minimal reader for the view; quote-reply.ts (issue 15) builds and parses
 * the same format for sending, and the two are to become one.
 */
export interface QuoteView {
  messageID: string;
  sender: string;
  abstract: string;
}

/** The quoted message of `cloudCustomData`, or null when it quotes none (or is not JSON). */
export function quoteOf(cloudCustomData: unknown): QuoteView | null {
  if (typeof cloudCustomData !== 'string' || !cloudCustomData.includes('messageReply')) return null;
  try {
    const reply = (JSON.parse(cloudCustomData) as { messageReply?: Record<string, unknown> })?.messageReply;
    if (!reply || typeof reply !== 'object') return null;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return {
      messageID: text(reply.messageID),
      sender: text(reply.messageSender),
      abstract: text(reply.messageAbstract),
    };
  } catch {
    return null;
  }
}
