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
import { groupOperations } from './operations/groups';
import { receiptOperations } from './operations/receipts';
import { relationOperations } from './operations/relations';
import { sendOperations } from './operations/send';
import { topicOperations } from './operations/topics';
import { conversationKeyOf } from './store/conversation-key';
import { invalid } from '../protocol/fields';
import { conversationOf } from './operations/context';

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
    connection.login(SDKAppID, userID);
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
    const { type, target } = conversationOf(conversationID);
    if (type === 'GROUP') await requireConversationMembership(ctx, session.app, target, session.userID);
    const conversationKey = conversationKeyOf(session.userID, { conversationType: type, to: target });
    return ctx.store.getMessageList({
      app: session.app,
      conversationKey,
      conversationID,
      viewer: session.userID,
      nextReqMessageID: nextReqMessageID || undefined,
      count,
    });
  },

  async getConversationList(_d, connection, ctx) {
    const session = requireSession(connection);
    return { conversationList: await ctx.store.getConversationList(session.app, session.userID) };
  },

  async setMessageRead(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationID } = d;
    const { type, target } = conversationOf(conversationID);
    if (type === 'GROUP') await requireConversationMembership(ctx, session.app, target, session.userID);
    const { readSequence } = await ctx.store.setMessageRead(session.app, session.userID, conversationID);
    // C2C: the peer learns how far this user has read (isPeerRead, MESSAGE_READ_BY_PEER).
    if (type === 'C2C' && target !== session.userID && readSequence > 0) {
      await ctx.bus.publish(session.app, [target], 'peerRead', {
        conversationID: `C2C${session.userID}`,
        sequence: readSequence,
      });
    }
    return {};
  },
};

export const operations = {
  ...sessionOperations,
  ...sendOperations,
  ...groupOperations,
  ...relationOperations,
  ...receiptOperations,
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
