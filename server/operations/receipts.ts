import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import type { WireMessage, WireMessageRef } from '../../protocol/messages';
import type { WireReadReceipt } from '../../protocol/operations';
import type { Session } from '../bus/bus';
import { conversationKeyOf } from '../store/conversation-key';
import { invalid } from '../../protocol/fields';
import {
  conversationOf,
  requireConversationMembership,
  requireSession,
  type Handlers,
  type OperationContext,
} from './context';

interface Resolved {
  conversationKey: string;
  conversationID: string;
  /** Members who could read a group message besides its sender; 1 for C2C. */
  readers: (message: WireMessage, visibleTo: string[] | null) => number;
  messages: Array<{ message: WireMessage; visibleTo: string[] | null }>;
}

/** Resolves `[{ conversationID, ID }]` (the schema made sure: 1 or more, all in one conversation) to stored messages the caller may see. */
async function resolveMessages(
  ctx: OperationContext,
  session: Session,
  refs: readonly WireMessageRef[],
): Promise<Resolved> {
  const { conversationID } = refs[0];
  const { type, target } = conversationOf(conversationID);
  let memberCount = 2;
  if (type === TYPES.CONV_GROUP)
    memberCount = (await requireConversationMembership(ctx, session.app, target, session.userID)).memberCount;
  const conversationKey = conversationKeyOf(session.userID, { conversationType: type, to: target });
  const messages = [];
  for (const { ID } of refs) {
    const found = await ctx.store.getMessage(session.app, conversationKey, ID);
    if (!found || (found.visibleTo && !found.visibleTo.includes(session.userID)))
      throw new ChatError(ErrorCode.MESSAGE_NOT_FOUND, `There is no message ${ID.slice(0, 64)} in ${conversationID}.`);
    messages.push(found);
  }
  return {
    conversationKey,
    conversationID,
    messages,
    readers: (_m, visibleTo) => (visibleTo ? visibleTo.length : memberCount) - 1,
  };
}

async function receiptsOf(
  ctx: OperationContext,
  session: Session,
  resolved: Resolved,
  messages: Resolved['messages'],
): Promise<WireReadReceipt[]> {
  const counts = await ctx.store.countReadReceipts(
    session.app,
    resolved.conversationKey,
    messages.map((m) => m.message.ID),
  );
  return messages.map(({ message, visibleTo }, i) => {
    const readCount = counts[i] ?? 0;
    return {
      conversationID: resolved.conversationID,
      ID: message.ID,
      readCount,
      unreadCount: Math.max(0, resolved.readers(message, visibleTo) - readCount),
    };
  });
}

async function extensionTarget(
  ctx: OperationContext,
  session: Session,
  ref: WireMessageRef,
): Promise<{ conversationKey: string; ID: string }> {
  const resolved = await resolveMessages(ctx, session, [ref]);
  const { message } = resolved.messages[0];
  if (!message.isSupportExtension)
    throw invalid(`Message ${message.ID} was sent without isSupportExtension: true, so it takes no extensions.`);
  return { conversationKey: resolved.conversationKey, ID: message.ID };
}

export const receiptOperations: Handlers<
  | 'sendMessageReadReceipt'
  | 'getMessageReadReceiptList'
  | 'setMessageExtensions'
  | 'getMessageExtensions'
  | 'deleteMessageExtensions'
> = {
  async sendMessageReadReceipt(d, connection, ctx) {
    const session = requireSession(connection);
    const resolved = await resolveMessages(ctx, session, d.messageList);
    const wanted = resolved.messages.filter(
      ({ message }) => message.needReadReceipt && message.from !== session.userID,
    );
    if (wanted.length < resolved.messages.length)
      throw invalid('Read receipts go only to messages others sent with needReadReceipt: true.');
    const fresh = new Set(
      await ctx.store.addReadReceipts(
        session.app,
        resolved.conversationKey,
        wanted.map((m) => m.message.ID),
        session.userID,
      ),
    );
    const freshMessages = wanted.filter((m) => fresh.has(m.message.ID));
    const receipts = await receiptsOf(ctx, session, resolved, freshMessages);
    // The sender's name for the conversation: for C2C it is the reader.
    const senderConversationID = resolved.conversationID.startsWith('C2C')
      ? `C2C${session.userID}`
      : resolved.conversationID;
    const bySender = new Map<string, WireReadReceipt[]>();
    receipts.forEach((receipt, i) => {
      const sender = freshMessages[i].message.from;
      bySender.set(sender, [...(bySender.get(sender) ?? []), { ...receipt, conversationID: senderConversationID }]);
    });
    for (const [sender, list] of bySender) await ctx.bus.publish(session.app, [sender], 'readReceipt', list);
    return {};
  },

  async getMessageReadReceiptList(d, connection, ctx) {
    const session = requireSession(connection);
    const resolved = await resolveMessages(ctx, session, d.messageList);
    return { messageList: await receiptsOf(ctx, session, resolved, resolved.messages) };
  },

  async setMessageExtensions(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationKey, ID } = await extensionTarget(ctx, session, d.message);
    return { extensions: await ctx.store.setExtensions(session.app, conversationKey, ID, d.extensions) };
  },

  async getMessageExtensions(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationKey, ID } = await extensionTarget(ctx, session, d.message);
    return { extensions: await ctx.store.getExtensions(session.app, conversationKey, ID) };
  },

  async deleteMessageExtensions(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationKey, ID } = await extensionTarget(ctx, session, d.message);
    return { keyList: await ctx.store.deleteExtensions(session.app, conversationKey, ID, d.keyList ?? null) };
  },
};
