import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import type { WireMessage, WireMessageRef } from '../../protocol/messages';
import type { Session } from '../bus/bus';
import { conversationKeyOf } from '../store/conversation-key';
import { conversationOf, requireMembership, type OperationContext } from './context';

/** A conversation the caller is in: for a group, 10010 when there is none, 10007 when the caller is not a member. */
export interface CallersConversation {
  conversationID: string;
  conversationKey: string;
  type: 'C2C' | 'GROUP';
  /** The peer (C2C) or the groupID. */
  target: string;
}

export async function callersConversation(
  ctx: OperationContext,
  session: Session,
  conversationID: string,
): Promise<CallersConversation> {
  const { type, target } = conversationOf(conversationID);
  if (type === TYPES.CONV_GROUP) await requireMembership(ctx, session.app, target, session.userID);
  const conversationKey = conversationKeyOf(session.userID, { conversationType: type, to: target });
  return { conversationID, conversationKey, type, target };
}

/** The stored messages `refs` (all of one conversation) name, as the caller may see them: 90008 for one that is not there or not for the caller. */
export async function visibleMessages(
  ctx: OperationContext,
  session: Session,
  refs: readonly WireMessageRef[],
): Promise<{
  conversation: CallersConversation;
  messages: Array<{ message: WireMessage; visibleTo: string[] | null }>;
}> {
  const conversation = await callersConversation(ctx, session, refs[0].conversationID);
  const messages = [];
  for (const { ID } of refs) {
    const found = await ctx.store.getMessage(session.app, conversation.conversationKey, ID);
    if (!found || (found.visibleTo && !found.visibleTo.includes(session.userID)))
      throw new ChatError(
        ErrorCode.MESSAGE_NOT_FOUND,
        `There is no message ${ID.slice(0, 64)} in ${conversation.conversationID}.`,
      );
    messages.push(found);
  }
  return { conversation, messages };
}
