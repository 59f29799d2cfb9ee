import { SEARCH_PAGE_SIZE } from '../../protocol/chat-actions';
import { requireSession, nowSeconds, type Handlers } from './context';
import { callersConversation } from './visible-message';

export const searchOperations: Handlers<'searchCloudMessages'> = {
  /** Over the caller's own conversations only: C2C chats they have, groups they are in now, messages meant for them. */
  async searchCloudMessages(d, connection, ctx) {
    const session = requireSession(connection);
    const conversation = d.conversationID ? await callersConversation(ctx, session, d.conversationID) : null;
    const timePosition = d.timePosition || null;
    const fromTime = d.timePeriod ? (timePosition ?? nowSeconds()) - d.timePeriod : null;
    return ctx.store.searchMessages({
      app: session.app,
      viewer: session.userID,
      conversation: conversation && { key: conversation.conversationKey, ID: conversation.conversationID },
      keywords: [...new Set(d.keywordList ?? [])],
      matchAll: d.keywordListMatchType === 'and',
      senders: d.senderUserIDList ?? [],
      types: d.messageTypeList ?? [],
      fromTime,
      toTime: timePosition,
      cursor: d.cursor ?? '',
      pageSize: SEARCH_PAGE_SIZE,
    });
  },
};
