import { parseQuoteReply } from './quote-reply';

/** What a bubble shows of a quote reply (TUIKit's `cloudCustomData.messageReply`, read by quote-reply.ts). */
export interface QuoteView {
  messageID: string;
  sender: string;
  abstract: string;
}

/** The quoted message of `cloudCustomData`, or null when it quotes none (or is not JSON). */
export function quoteOf(cloudCustomData: unknown): QuoteView | null {
  const reply = typeof cloudCustomData === 'string' ? parseQuoteReply(cloudCustomData) : null;
  return reply && { messageID: reply.messageID, sender: reply.messageSender, abstract: reply.messageAbstract };
}
