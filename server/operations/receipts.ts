import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { utf8Length, type WireMessage } from '../../protocol/messages';
import type { WireExtension, WireReadReceipt } from '../../protocol/operations';
import type { Session } from '../bus/bus';
import { conversationKeyOf } from '../store/conversation-key';
import { describe, invalid, isPlainObject, requireString, type Fields } from '../../protocol/fields';
import { requireConversationID } from '../validate';
import { requireMembership, requireSession, type Handlers, type OperationContext } from './context';

const MAX_MESSAGES_PER_CALL = 30;
const MAX_EXTENSIONS_PER_CALL = 20;
const MAX_EXTENSION_KEY_BYTES = 100;
const MAX_EXTENSION_VALUE_BYTES = 1024;

interface Resolved {
  conversationKey: string;
  conversationID: string;
  /** Members who could read a group message besides its sender; 1 for C2C. */
  readers: (message: WireMessage, visibleTo: string[] | null) => number;
  messages: Array<{ message: WireMessage; visibleTo: string[] | null }>;
}

/** Resolves `[{ conversationID, ID }]` (all in one conversation) to stored messages the caller may see. */
async function resolveMessages(ctx: OperationContext, session: Session, refs: unknown, max: number): Promise<Resolved> {
  if (!Array.isArray(refs) || refs.length === 0 || refs.length > max)
    throw invalid(`messageList must be an array of 1 to ${max} messages, got ${describe(refs)}.`);
  const first = isPlainObject(refs[0]) ? refs[0] : {};
  const { conversationID, type, target } = requireConversationID(first);
  let memberCount = 2;
  if (type === TYPES.CONV_GROUP)
    memberCount = (await requireMembership(ctx, session.app, target, session.userID)).memberCount;
  const conversationKey = conversationKeyOf(session.userID, { conversationType: type, to: target });
  // The shape of every entry first, so a bad list is refused whole before anything is looked up.
  const IDs = (refs as unknown[]).map((ref) => {
    if (!isPlainObject(ref) || ref.conversationID !== conversationID)
      throw invalid('Every message in messageList must be a message of the same conversation.');
    return requireString(ref, 'ID');
  });
  const messages = [];
  for (const ID of IDs) {
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

function parseExtensions(d: Fields): WireExtension[] {
  const list = d.extensions;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_EXTENSIONS_PER_CALL)
    throw invalid(
      `extensions must be an array of 1 to ${MAX_EXTENSIONS_PER_CALL} { key, value }, got ${describe(list)}.`,
    );
  return list.map((item: unknown) => {
    if (!isPlainObject(item) || typeof item.key !== 'string' || typeof item.value !== 'string')
      throw invalid('Each extension must be { key: string, value: string }.');
    if (item.key === '' || utf8Length(item.key) > MAX_EXTENSION_KEY_BYTES)
      throw invalid(`An extension key must be 1 to ${MAX_EXTENSION_KEY_BYTES} bytes.`);
    if (utf8Length(item.value) > MAX_EXTENSION_VALUE_BYTES)
      throw invalid(`An extension value may be at most ${MAX_EXTENSION_VALUE_BYTES} bytes.`);
    return { key: item.key, value: item.value };
  });
}

async function extensionTarget(
  ctx: OperationContext,
  session: Session,
  d: Fields,
): Promise<{ conversationKey: string; ID: string }> {
  const resolved = await resolveMessages(ctx, session, [d.message], 1);
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
    const resolved = await resolveMessages(ctx, session, d.messageList, MAX_MESSAGES_PER_CALL);
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
    const resolved = await resolveMessages(ctx, session, d.messageList, MAX_MESSAGES_PER_CALL);
    return { messageList: await receiptsOf(ctx, session, resolved, resolved.messages) };
  },

  async setMessageExtensions(d, connection, ctx) {
    const session = requireSession(connection);
    const extensions = parseExtensions(d);
    const { conversationKey, ID } = await extensionTarget(ctx, session, d);
    return { extensions: await ctx.store.setExtensions(session.app, conversationKey, ID, extensions) };
  },

  async getMessageExtensions(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationKey, ID } = await extensionTarget(ctx, session, d);
    return { extensions: await ctx.store.getExtensions(session.app, conversationKey, ID) };
  },

  async deleteMessageExtensions(d, connection, ctx) {
    const session = requireSession(connection);
    let keys: string[] | null = null;
    if (d.keyList !== undefined) {
      if (
        !Array.isArray(d.keyList) ||
        d.keyList.length > MAX_EXTENSIONS_PER_CALL ||
        !d.keyList.every((k: unknown) => typeof k === 'string' && k !== '')
      ) {
        throw invalid(`keyList must be an array of at most ${MAX_EXTENSIONS_PER_CALL} non-empty keys.`);
      }
      keys = d.keyList as string[];
    }
    const { conversationKey, ID } = await extensionTarget(ctx, session, d);
    return { keyList: await ctx.store.deleteExtensions(session.app, conversationKey, ID, keys) };
  },
};
