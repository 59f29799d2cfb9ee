import { ChatError, ErrorCode } from '../plugin/errors';
import { HISTORY_PAGE_SIZE, PROTOCOL_VERSION, type OperationName, type Operations } from '../plugin/protocol';
import { verifyUserSig } from './auth/usersig';
import type { FileStore } from './files/file-store';
import { makeUploadToken } from './files/upload-token';
import type { GroupCommit } from './group-commit';
import type { Hub, Session } from './hub';
import { conversationKey } from './store/conversation-key';
import type { Store } from './store/store';
import { resolveFilePayload } from './payloads';
import { invalid, parseDraft, requireConversationID, requireUserID, type Fields } from './validate';

export interface OperationContext {
  store: Store;
  hub: Hub;
  groupCommit: GroupCommit;
  secretKeys: ReadonlyMap<number, string>;
  files: FileStore;
}

/** A connection before and after login: `session` is set by a successful `login`. */
export interface Connection {
  session: Session | null;
  login(app: number, userID: string): Session;
}

type Handler<Op extends OperationName> = (d: Fields, connection: Connection, ctx: OperationContext) => Promise<Operations[Op]['res']>;
type HandlerTable = { [Op in OperationName]: Handler<Op> };

function requireSession(connection: Connection): Session {
  if (!connection.session) throw new ChatError(ErrorCode.NOT_LOGGED_IN, 'Not logged in: the first request on a connection must be login.');
  return connection.session;
}

export const operations: HandlerTable = {
  async login(d, connection, ctx) {
    if (connection.session) throw invalid(`This connection is already logged in as ${connection.session.userID}.`);
    const { SDKAppID, userSig, protocolVersion } = d;
    if (protocolVersion !== PROTOCOL_VERSION) throw invalid(`protocolVersion ${String(protocolVersion)} is not supported; this server speaks ${PROTOCOL_VERSION}.`);
    if (typeof SDKAppID !== 'number') throw new ChatError(ErrorCode.LOGIN_FAILED, 'Login failed: SDKAppID must be a number.');
    const secretKey = ctx.secretKeys.get(SDKAppID);
    if (!secretKey) throw new ChatError(ErrorCode.LOGIN_FAILED, `Login failed: this server has no app with SDKAppID ${SDKAppID}.`);
    const userID = requireUserID(d, 'userID');
    if (typeof userSig !== 'string') throw new ChatError(ErrorCode.LOGIN_FAILED, 'Login failed: userSig must be a string.');
    verifyUserSig(userSig, { SDKAppID, userID, secretKey }, Math.floor(Date.now() / 1000));
    connection.login(SDKAppID, userID);
    return { userID, serverTime: Date.now() };
  },

  async ping(_d, connection) {
    requireSession(connection);
    return { serverTime: Date.now() };
  },

  async send(d, connection, ctx) {
    const session = requireSession(connection);
    const draft = await resolveFilePayload(parseDraft(d, session.userID), session.app, ctx.files);
    const outcome = await ctx.groupCommit.submit({ app: session.app, sender: session.userID, draft });
    if (!outcome.ok) throw outcome.error;
    if (!outcome.duplicate) {
      const { message } = outcome;
      if (message.to !== message.from) ctx.hub.push(session.app, message.to, 'message', message);
      ctx.hub.push(session.app, message.from, 'message', message, session);
    }
    return outcome.message;
  },

  async uploadToken(_d, connection, ctx) {
    const session = requireSession(connection);
    return makeUploadToken(session.app, session.userID, ctx.secretKeys.get(session.app)!, Math.floor(Date.now() / 1000));
  },

  async getMessageList(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationID, target } = requireConversationID(d);
    const { nextReqMessageID, count = HISTORY_PAGE_SIZE } = d;
    if (nextReqMessageID !== undefined && typeof nextReqMessageID !== 'string') throw invalid('nextReqMessageID must be a string.');
    if (!Number.isInteger(count) || (count as number) < 1 || (count as number) > HISTORY_PAGE_SIZE) {
      throw invalid(`count must be a whole number from 1 to ${HISTORY_PAGE_SIZE}.`);
    }
    const conv = conversationKey(session.userID, { conversationType: 'C2C', to: target });
    return ctx.store.getMessageList({ app: session.app, conv, conversationID, nextReqMessageID: nextReqMessageID || undefined, count: count as number });
  },

  async getConversationList(_d, connection, ctx) {
    const session = requireSession(connection);
    return { conversationList: await ctx.store.getConversationList(session.app, session.userID) };
  },

  async setMessageRead(d, connection, ctx) {
    const session = requireSession(connection);
    const { conversationID } = requireConversationID(d);
    await ctx.store.setMessageRead(session.app, session.userID, conversationID);
    return {};
  },
};

export function isOperationName(op: unknown): op is OperationName {
  return typeof op === 'string' && Object.prototype.hasOwnProperty.call(operations, op);
}
