import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { invalid } from '../../protocol/fields';
import { HISTORY_PAGE_SIZE } from '../../protocol/limits';
import { checkBodySize, type WireMessage, type WireMessageRef } from '../../protocol/messages';
import type { WireGroup } from '../../protocol/operations';
import { modifiedPayload } from '../../protocol/schemas/message-actions';
import type { Session } from '../bus/bus';
import { conversationKeyOf } from '../store/conversation-key';
import { Serialized } from '../serialized';
import {
  conversationOf,
  nowSeconds,
  requireMembership,
  requireSession,
  type Handlers,
  type OperationContext,
} from './context';

/** A conversation the caller is in: its storage key, and its group (with the caller's role) for a group conversation. */
interface Place {
  conversationKey: string;
  group: (WireGroup & { selfInfo: NonNullable<WireGroup['selfInfo']> }) | null;
}

async function placeOf(ctx: OperationContext, session: Session, conversationID: string): Promise<Place> {
  const { type, target } = conversationOf(conversationID);
  const group = type === TYPES.CONV_GROUP ? await requireMembership(ctx, session.app, target, session.userID) : null;
  return { conversationKey: conversationKeyOf(session.userID, { conversationType: type, to: target }), group };
}

function notExist(ref: WireMessageRef): ChatError {
  return new ChatError(
    ErrorCode.MESSAGE_NOT_EXIST,
    `There is no message ${ref.ID.slice(0, 64)} in ${ref.conversationID} that you can see.`,
  );
}

/** A stored message the caller may see, with who may (null: every member). 20026 when there is none. */
async function findVisible(ctx: OperationContext, session: Session, place: Place, ref: WireMessageRef) {
  const found = await ctx.store.getMessage(session.app, place.conversationKey, ref.ID);
  if (!found || (found.visibleTo && !found.visibleTo.includes(session.userID))) throw notExist(ref);
  return found;
}

/** Everyone a change to `message` reaches: both sides of a C2C chat, or the group's members who may see it. */
async function audienceOf(
  ctx: OperationContext,
  session: Session,
  message: WireMessage,
  visibleTo: string[] | null,
): Promise<string[]> {
  if (visibleTo) return visibleTo;
  if (message.conversationType !== TYPES.CONV_GROUP) return [...new Set([message.from, message.to])];
  return (await ctx.store.getGroupMembers(session.app, message.to)).map((member) => member.userID);
}

/** Revoking: the sender within the time limit; a group's owner and admins at any time. */
function checkRevoker(ctx: OperationContext, session: Session, place: Place, message: WireMessage): void {
  const role = place.group?.selfInfo.role;
  if (role === TYPES.GRP_MBR_ROLE_OWNER || role === TYPES.GRP_MBR_ROLE_ADMIN) return;
  if (message.from !== session.userID)
    throw new ChatError(
      ErrorCode.NO_GROUP_PERMISSION,
      place.group
        ? `Only its sender, or the group's owner or an admin, may revoke message ${message.ID}.`
        : `Only its sender may revoke message ${message.ID}.`,
    );
  const limit = ctx.settings.revokeTimeLimitSeconds;
  if (nowSeconds() - message.time > limit)
    throw new ChatError(
      place.group ? ErrorCode.GROUP_REVOKE_TIME_LIMIT_EXCEEDED : ErrorCode.REVOKE_TIME_LIMIT_EXCEEDED,
      `Message ${message.ID} was sent more than ${limit} seconds ago, past the time in which it may be revoked.`,
    );
}

/** Stores `next` in place of `current` if nothing changed the message meanwhile; else answers the newer one. */
async function replaceStored(
  ctx: OperationContext,
  session: Session,
  place: Place,
  ref: WireMessageRef,
  current: WireMessage,
  next: WireMessage,
): Promise<{ replaced: boolean; message: WireMessage }> {
  const outcome = await ctx.store.replaceMessage(session.app, place.conversationKey, next, current.version ?? 0);
  if (!outcome) throw notExist(ref);
  return outcome;
}

function modifyConflict(current: WireMessage, version: number): ChatError {
  return new ChatError(
    ErrorCode.MESSAGE_MODIFY_CONFLICT,
    `Message ${current.ID} changed since version ${version}; err.data.message is the current one: apply the edit to it and try again.`,
    { data: { message: current } },
  );
}

export const messageActionOperations: Handlers<
  'revokeMessage' | 'deleteMessage' | 'modifyMessage' | 'getMessageListHopping'
> = {
  async revokeMessage(d, connection, ctx) {
    const session = requireSession(connection);
    const place = await placeOf(ctx, session, d.message.conversationID);
    // A modify that lands between the read and the write makes the revoke start again from the newer message.
    for (;;) {
      const { message, visibleTo } = await findVisible(ctx, session, place, d.message);
      // Revoking twice is answered like the first time, and tells nobody again.
      if (message.isRevoked) return { message };
      checkRevoker(ctx, session, place, message);
      const revoked: WireMessage = {
        ...message,
        isRevoked: true,
        revoker: session.userID,
        version: (message.version ?? 0) + 1,
      };
      const outcome = await replaceStored(ctx, session, place, d.message, message, revoked);
      if (!outcome.replaced) continue;
      const audience = await audienceOf(ctx, session, revoked, visibleTo);
      await ctx.bus.publish(session.app, audience, 'messageRevoked', new Serialized(JSON.stringify(revoked)), session);
      return { message: revoked };
    }
  },

  async deleteMessage(d, connection, ctx) {
    const session = requireSession(connection);
    const place = await placeOf(ctx, session, d.messageList[0].conversationID);
    for (const ref of d.messageList) await findVisible(ctx, session, place, ref);
    const IDs = [...new Set(d.messageList.map((ref) => ref.ID))];
    await ctx.store.hideMessages(session.app, session.userID, place.conversationKey, IDs);
    const messageList = IDs.map((ID) => ({ conversationID: d.messageList[0].conversationID, ID }));
    await ctx.bus.publish(session.app, [session.userID], 'messageDeleted', { messageList }, session);
    return { messageList };
  },

  async modifyMessage(d, connection, ctx) {
    const session = requireSession(connection);
    const place = await placeOf(ctx, session, d.message.conversationID);
    if (place.group?.type === TYPES.GRP_AVCHATROOM)
      throw new ChatError(ErrorCode.MESSAGE_MODIFY_NOT_SUPPORTED, 'Messages of AVChatRoom groups cannot be modified.');
    const { message, visibleTo } = await findVisible(ctx, session, place, d.message);
    if (message.isRevoked) throw invalid(`Message ${message.ID} was revoked; a revoked message cannot be modified.`);
    if ((message.version ?? 0) !== d.version) throw modifyConflict(message, d.version);
    const next: WireMessage = { ...message, isModified: true, version: d.version + 1 };
    if (d.payload !== undefined) {
      const payload = modifiedPayload(message.type, d.payload);
      if (!payload)
        throw invalid(
          `The payload of a ${message.type} message cannot be modified (text, custom, face and location can); its cloudCustomData can.`,
        );
      // Whom a text-at message mentioned stays as it was sent: an edit neither adds nor drops a mention.
      const edited: Record<string, unknown> = { ...payload };
      delete edited.atUserList;
      if (message.payload.atUserList) edited.atUserList = message.payload.atUserList;
      next.payload = edited;
    }
    if (d.cloudCustomData !== undefined) next.cloudCustomData = d.cloudCustomData;
    checkBodySize(next);
    const outcome = await replaceStored(ctx, session, place, d.message, message, next);
    if (!outcome.replaced) throw modifyConflict(outcome.message, d.version);
    const audience = await audienceOf(ctx, session, next, visibleTo);
    await ctx.bus.publish(session.app, audience, 'messageModified', new Serialized(JSON.stringify(next)), session);
    return { message: next };
  },

  async getMessageListHopping(d, connection, ctx) {
    const session = requireSession(connection);
    const place = await placeOf(ctx, session, d.conversationID);
    const messageList = await ctx.store.getMessageListHopping({
      app: session.app,
      conversationKey: place.conversationKey,
      viewer: session.userID,
      sequence: d.sequence,
      time: d.time,
      direction: d.direction ?? 0,
      count: d.count ?? HISTORY_PAGE_SIZE,
    });
    return { messageList };
  },
};
