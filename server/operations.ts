import { ChatError, ErrorCode } from '../protocol/errors';
import { HISTORY_PAGE_SIZE } from '../protocol/limits';
import type { OperationName, Operations } from '../protocol/operations';
import { verifyUserSig } from './auth/usersig';
import { makeUploadToken } from './files/upload-token';
import {
  requireConversationMembership,
  requireSession,
  type Connection,
  type Handler,
  type Handlers,
  type OperationContext,
} from './operations/context';
import { conversationGroupOperations } from './operations/conversation-groups';
import { announceConversations, conversationOperations, tellPeerRead } from './operations/conversations';
import { groupOperations } from './operations/groups';
import { messageActionOperations } from './operations/message-actions';
import { groupManagementOperations } from './operations/group-management';
import { groupApprovalOperations } from './operations/group-approval';
import { groupAttributeOperations } from './operations/group-attributes';
import { receiptOperations } from './operations/receipts';
import { relationOperations } from './operations/relations';
import { profileOperations, withConversationProfiles, withSenderProfiles } from './operations/profiles';
import { sendOperations } from './operations/send';
import { reactionOperations } from './operations/reactions';
import { searchOperations } from './operations/search';
import { languageOperations } from './operations/language';
import { topicOperations } from './operations/topics';
import { conversationKeyOf } from './store/conversation-key';
import { invalid } from '../protocol/fields';
import { readableConversationOf } from './operations/context';

export type { Connection, OperationContext } from './operations/context';

const sessionOperations: Handlers<
  'login' | 'ping' | 'uploadToken' | 'getMessageList' | 'getConversationList' | 'setMessageRead'
> = {
  async login(d, connection, ctx) {
    if (connection.session) throw invalid(`This connection is already logged in as ${connection.session.userID}.`);
    const { SDKAppID, userID, userSig } = d;
    const secretKey = ctx.secretKeys.get(SDKAppID);
    if (!secretKey)
      throw new ChatError(ErrorCode.LOGIN_FAILED, `Login failed: this server has no app with SDKAppID ${SDKAppID}.`);
    verifyUserSig(userSig, { SDKAppID, userID, secretKey }, Math.floor(Date.now() / 1000));
    await connection.login(SDKAppID, userID);
    // Every send stamps the sender's nick and avatar from memory: read them once per login.
    await ctx.profiles.get(SDKAppID, userID);
    return { userID, serverTime: Date.now() };
  },

  async ping(_d, connection) {
    requireSession(connection);
    return { serverTime: Date.now() };
  },

  async uploadToken(_d, connection, ctx) {
    const session = requireSession(connection);
    return makeUploadToken(
      session.app,
      session.userID,
      ctx.secretKeys.get(session.app)!,
      Math.floor(Date.now() / 1000),
    );
  },

  async getMessageList(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationID, nextReqMessageID, count = HISTORY_PAGE_SIZE } = d;
    // '@TIM#SYSTEM' names no one: its key is always the reader's own system conversation.
    const { type, target } = readableConversationOf(conversationID);
    if (type === 'GROUP') await requireConversationMembership(ctx, session.app, target, session.userID);
    const conversationKey = conversationKeyOf(session.userID, { conversationType: type, to: target });
    const page = await ctx.store.getMessageList({
      app: session.app,
      conversationKey,
      conversationID,
      viewer: session.userID,
      nextReqMessageID: nextReqMessageID || undefined,
      count,
    });
    return { ...page, messageList: await withSenderProfiles(ctx, session.app, page.messageList) };
  },

  async getConversationList(_d, connection, ctx) {
    const session = requireSession(connection);
    const list = await ctx.store.getConversationList(session.app, session.userID);
    return { conversationList: await withConversationProfiles(ctx, session, list) };
  },

  async setMessageRead(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationID } = d;
    const { type, target } = readableConversationOf(conversationID);
    if (type === 'GROUP') await requireConversationMembership(ctx, session.app, target, session.userID);
    const { readSequence } = await ctx.store.setMessageRead(session.app, session.userID, conversationID);
    await tellPeerRead(ctx, session, conversationID, readSequence);
    // The user's other devices clear the conversation's unread count too.
    await announceConversations(ctx, session, (id) => id === conversationID);
    return {};
  },
};

export const operations = {
  ...sessionOperations,
  ...sendOperations,
  ...groupOperations,
  ...relationOperations,
  ...receiptOperations,
  ...messageActionOperations,
  ...reactionOperations,
  ...searchOperations,
  ...languageOperations,
  ...profileOperations,
  ...conversationOperations,
  ...conversationGroupOperations,
  ...groupManagementOperations,
  ...groupApprovalOperations,
  ...groupAttributeOperations,
  ...topicOperations,
} satisfies Handlers<OperationName>;

/** Runs op's handler on a request that passed op's schema. */
export function runOperation<Op extends OperationName>(
  op: Op,
  d: Operations[Op]['req'],
  connection: Connection,
  ctx: OperationContext,
): ReturnType<Handler<Op>> {
  return (operations[op] as unknown as Handler<Op>)(d, connection, ctx);
}
