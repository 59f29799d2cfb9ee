import { TYPES } from '../../protocol/constants';
import type { ConversationUpdate } from '../../protocol/operations';
import type { Session } from '../bus/bus';
import {
  conversationOf,
  readableConversationOf,
  requireMembership,
  requireSession,
  type Handlers,
  type OperationContext,
} from './context';

/**
 * The conversations as they now stand for the user, and those deleted: the action's answer, pushed
 * to the user's other devices (not `session`, which gets it as the answer) so every one shows the same.
 */
export async function announceConversations(
  ctx: OperationContext,
  session: Session,
  changed: ((conversationID: string) => boolean) | null,
  deletedConversationIDList: string[] = [],
): Promise<ConversationUpdate> {
  const list = changed ? await ctx.store.getConversationList(session.app, session.userID) : [];
  const update = {
    conversationList: changed ? list.filter((c) => changed(c.conversationID)) : [],
    deletedConversationIDList,
  };
  await ctx.bus.publish(session.app, [session.userID], 'conversationUpdated', update, session);
  return update;
}

const among = (ids: readonly string[]) => {
  const set = new Set(ids);
  return (conversationID: string) => set.has(conversationID);
};

/** C2C: the peer learns how far this user has read (isPeerRead, MESSAGE_READ_BY_PEER). */
export async function tellPeerRead(
  ctx: OperationContext,
  session: Session,
  conversationID: string,
  readSequence: number,
): Promise<void> {
  const { type, target } = readableConversationOf(conversationID);
  if (type !== TYPES.CONV_C2C || target === session.userID || readSequence <= 0) return;
  await ctx.bus.publish(session.app, [target], 'peerRead', {
    conversationID: `C2C${session.userID}`,
    sequence: readSequence,
  });
}

/** The reference's conversation actions: each user's own view of a conversation, kept on the server for all their devices. */
export const conversationOperations: Handlers<
  | 'deleteConversation'
  | 'clearHistoryMessage'
  | 'pinConversation'
  | 'markConversation'
  | 'setConversationDraft'
  | 'setMessageRemindType'
  | 'setAllMessageRead'
  | 'setConversationCustomData'
> = {
  async deleteConversation(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationIDList, clearHistoryMessage } = d;
    await ctx.store.deleteConversations(session.app, session.userID, conversationIDList, clearHistoryMessage);
    return announceConversations(ctx, session, null, conversationIDList);
  },

  async clearHistoryMessage(d, connection, ctx) {
    const session = requireSession(connection);
    await ctx.store.clearHistory(session.app, session.userID, d.conversationID);
    return announceConversations(ctx, session, among([d.conversationID]));
  },

  async pinConversation(d, connection, ctx) {
    const session = requireSession(connection);
    await ctx.store.setPinned(session.app, session.userID, d.conversationID, d.isPinned);
    return announceConversations(ctx, session, among([d.conversationID]));
  },

  async markConversation(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationIDList, markType, enableMark } = d;
    await ctx.store.setMark(session.app, session.userID, conversationIDList, markType, enableMark);
    return announceConversations(ctx, session, among(conversationIDList));
  },

  async setConversationDraft(d, connection, ctx) {
    const session = requireSession(connection);
    await ctx.store.setDraft(session.app, session.userID, d.conversationID, d.draftText);
    return announceConversations(ctx, session, among([d.conversationID]));
  },

  async setConversationCustomData(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationIDList, customData } = d;
    await ctx.store.setCustomData(session.app, session.userID, conversationIDList, customData);
    return announceConversations(ctx, session, among(conversationIDList));
  },

  async setMessageRemindType(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationIDList, messageRemindType } = d;
    // A group's messages are muted by its members; a C2C chat can be muted before its first message.
    for (const conversationID of conversationIDList) {
      const { type, target } = conversationOf(conversationID);
      if (type === TYPES.CONV_GROUP) await requireMembership(ctx, session.app, target, session.userID);
    }
    await ctx.store.setRemindType(session.app, session.userID, conversationIDList, messageRemindType);
    return announceConversations(ctx, session, among(conversationIDList));
  },

  async setAllMessageRead(d, connection, ctx) {
    const session = requireSession(connection);
    const read = await ctx.store.readAll(session.app, session.userID, d.scope);
    for (const { conversationID, readSequence } of read) await tellPeerRead(ctx, session, conversationID, readSequence);
    return announceConversations(ctx, session, (conversationID) => {
      if (d.scope === TYPES.READ_ALL_MSG) return true;
      return conversationID.startsWith(d.scope === TYPES.READ_ALL_C2C_MSG ? 'C2C' : 'GROUP');
    });
  },
};
