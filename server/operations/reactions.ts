import { MAX_PARTIAL_REACTION_USERS, type WireMessageReactions } from '../../protocol/chat-actions';
import { TYPES } from '../../protocol/constants';
import type { Session } from '../bus/bus';
import { requireSession, type Handlers, type OperationContext } from './context';
import { visibleMessages, type CallersConversation } from './visible-message';

/** getAllUserListOfMessageReaction's page when `count` is left out. */
const DEFAULT_REACTION_USER_PAGE = 20;

/** Tells everyone who can see the message, on all their devices (the reactor's too), what its reactions are now. */
async function publishReactions(
  ctx: OperationContext,
  session: Session,
  conversation: CallersConversation,
  visibleTo: string[] | null,
  reactions: WireMessageReactions,
): Promise<void> {
  const update = { messageID: reactions.messageID, reactionList: reactions.reactionList };
  if (conversation.type === TYPES.CONV_C2C) {
    await ctx.bus.publish(session.app, [session.userID], 'reactionsUpdated', {
      conversationID: conversation.conversationID,
      ...update,
    });
    if (conversation.target !== session.userID)
      await ctx.bus.publish(session.app, [conversation.target], 'reactionsUpdated', {
        conversationID: `C2C${session.userID}`,
        ...update,
      });
    return;
  }
  const members = visibleTo ?? (await ctx.store.getGroupMembers(session.app, conversation.target)).map((m) => m.userID);
  await ctx.bus.publish(session.app, members, 'reactionsUpdated', {
    conversationID: conversation.conversationID,
    ...update,
  });
}

async function changeReaction(
  ctx: OperationContext,
  session: Session,
  d: { message: { conversationID: string; ID: string }; reactionID: string },
  change: (conversationKey: string, ID: string) => Promise<void>,
): Promise<WireMessageReactions> {
  const { conversation, messages } = await visibleMessages(ctx, session, [d.message]);
  const { message, visibleTo } = messages[0];
  await change(conversation.conversationKey, message.ID);
  const [everyone] = await ctx.store.getReactions(
    session.app,
    conversation.conversationKey,
    [message.ID],
    MAX_PARTIAL_REACTION_USERS,
    null,
  );
  await publishReactions(ctx, session, conversation, visibleTo, everyone);
  const [mine] = await ctx.store.getReactions(
    session.app,
    conversation.conversationKey,
    [message.ID],
    MAX_PARTIAL_REACTION_USERS,
    session.userID,
  );
  return mine;
}

export const reactionOperations: Handlers<
  'addMessageReaction' | 'removeMessageReaction' | 'getMessageReactions' | 'getAllUserListOfMessageReaction'
> = {
  async addMessageReaction(d, connection, ctx) {
    const session = requireSession(connection);
    return changeReaction(ctx, session, d, (key, ID) =>
      ctx.store.addReaction(session.app, key, ID, d.reactionID, session.userID, Date.now()),
    );
  },

  async removeMessageReaction(d, connection, ctx) {
    const session = requireSession(connection);
    return changeReaction(ctx, session, d, (key, ID) =>
      ctx.store.removeReaction(session.app, key, ID, d.reactionID, session.userID),
    );
  },

  async getMessageReactions(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversation, messages } = await visibleMessages(ctx, session, d.messageList);
    const resultList = await ctx.store.getReactions(
      session.app,
      conversation.conversationKey,
      messages.map((m) => m.message.ID),
      d.maxUserCountPerReaction ?? MAX_PARTIAL_REACTION_USERS,
      session.userID,
    );
    return { resultList };
  },

  async getAllUserListOfMessageReaction(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversation, messages } = await visibleMessages(ctx, session, [d.message]);
    const offset = d.nextSeq ?? 0;
    const { userIDs, total } = await ctx.store.getReactionUsers(
      session.app,
      conversation.conversationKey,
      messages[0].message.ID,
      d.reactionID,
      offset,
      d.count ?? DEFAULT_REACTION_USER_PAGE,
    );
    const nextSeq = offset + userIDs.length;
    return {
      userList: userIDs.map((userID) => ({ userID, nick: '', avatar: '' })),
      nextSeq,
      isCompleted: nextSeq >= total,
    };
  },
};
