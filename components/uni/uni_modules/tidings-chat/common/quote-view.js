// Generated from components/shared/quote-view.ts by `npm run build:uni-shared`: edit that file, not this one.
import { parseQuoteReply } from "./quote-reply.js";
function quoteOf(cloudCustomData) {
  const reply = typeof cloudCustomData === "string" ? parseQuoteReply(cloudCustomData) : null;
  return reply && { messageID: reply.messageID, sender: reply.messageSender, abstract: reply.messageAbstract };
}
export {
  quoteOf
};
