import type { ConversationGroupUpdate } from '../../protocol/operations';
import type { Session } from '../bus/bus';
import { requireSession, type Handlers, type OperationContext } from './context';

/**
 * The answer of a conversation group action, pushed to the user's other devices too: the
 * conversations whose groups changed as they now stand, the user's group names, and which named
 * conversations were not in the user's list (so not grouped).
 */
async function announceGroups(
  ctx: OperationContext,
  session: Session,
  groupName: string,
  changed: readonly string[],
  failureConversationIDList: string[] = [],
): Promise<ConversationGroupUpdate> {
  const { app, userID } = session;
  const touched = new Set(changed);
  const [list, conversationGroupList] = await Promise.all([
    ctx.store.getConversationList(app, userID),
    ctx.store.conversationGroups(app, userID),
  ]);
  const update = {
    conversationList: list.filter((c) => touched.has(c.conversationID)),
    deletedConversationIDList: [],
    conversationGroupList,
    groupName,
  };
  await ctx.bus.publish(app, [userID], 'conversationUpdated', update, session);
  return { ...update, failureConversationIDList };
}

const notIn = (requested: readonly string[], done: readonly string[]) => requested.filter((id) => !done.includes(id));

/** The reference's conversation groups: each user's own named sets of conversations, on every device. */
export const conversationGroupOperations: Handlers<
  | 'getConversationGroupList'
  | 'createConversationGroup'
  | 'deleteConversationGroup'
  | 'renameConversationGroup'
  | 'addConversationsToGroup'
  | 'deleteConversationsFromGroup'
> = {
  async getConversationGroupList(_d, connection, ctx) {
    const session = requireSession(connection);
    return { conversationGroupList: await ctx.store.conversationGroups(session.app, session.userID) };
  },

  async createConversationGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupName, conversationIDList } = d;
    const added = await ctx.store.createConversationGroup(session.app, session.userID, groupName, conversationIDList);
    return announceGroups(ctx, session, groupName, added, notIn(conversationIDList, added));
  },

  async deleteConversationGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const members = await ctx.store.deleteConversationGroup(session.app, session.userID, d.groupName);
    return announceGroups(ctx, session, d.groupName, members);
  },

  async renameConversationGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { oldName, newName } = d;
    const members = await ctx.store.renameConversationGroup(session.app, session.userID, oldName, newName);
    return announceGroups(ctx, session, newName, members);
  },

  async addConversationsToGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupName, conversationIDList } = d;
    const added = await ctx.store.addToConversationGroup(session.app, session.userID, groupName, conversationIDList);
    return announceGroups(ctx, session, groupName, added, notIn(conversationIDList, added));
  },

  async deleteConversationsFromGroup(d, connection, ctx) {
    const session = requireSession(connection);
    const { groupName, conversationIDList } = d;
    const removed = await ctx.store.removeFromConversationGroup(
      session.app,
      session.userID,
      groupName,
      conversationIDList,
    );
    return announceGroups(ctx, session, groupName, removed, notIn(conversationIDList, removed));
  },
};
