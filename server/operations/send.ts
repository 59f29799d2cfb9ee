import type { SendTicket } from './send-order';
import { TYPES } from '../../protocol/constants';
import { conversationIDFor } from '../../protocol/conversation-id';
import { ChatError, ErrorCode } from '../../protocol/errors';
import type { WireMessage, WireMessageDraft } from '../../protocol/messages';
import type { WireGroup } from '../../protocol/operations';
import { setOptionsOf, type WireOfflinePushInfo, type WireSendOptions } from '../../protocol/send-options';
import type { Session } from '../bus/bus';
import type { WireProfile } from '../../protocol/profiles';
import type { StoredOutcome } from '../store/store';
import { conversationKeyOf } from '../store/conversation-key';
import { resolveFilePayload } from '../payloads';
import { Serialized } from '../serialized';
import { describe } from '../../protocol/fields';
import { wantsOfflinePush } from '../push-rules';
import {
  nowSeconds,
  requireConversationMembership,
  requireSession,
  type Handlers,
  type OperationContext,
} from './context';

function notAllowed(message: string): ChatError {
  return new ChatError(ErrorCode.SEND_OPTION_NOT_ALLOWED, message);
}

/**
 * Group: the sender's membership (checked again in the commit, which decides the audience; here it
 * keeps outsiders from the moderation hook and the group's rate) and the reference's rules on
 * which options go with which group type.
 */
async function checkGroupSend(
  ctx: OperationContext,
  session: Session,
  draft: WireMessageDraft,
  options: WireSendOptions,
): Promise<void> {
  const group = await requireConversationMembership(ctx, session.app, draft.to, session.userID);
  refuseIfMuted(group);
  const isCommunityOrLive = group.type === TYPES.GRP_COMMUNITY || group.type === TYPES.GRP_AVCHATROOM;
  if (draft.receiverList && isCommunityOrLive)
    throw notAllowed(`Targeted messages (receiverList) are not supported in ${group.type} groups.`);
  if (draft.receiverList && draft.atUserList)
    throw notAllowed('A targeted message (receiverList) cannot @ anyone; send the @ message to the whole group.');
  if (draft.atUserList?.includes(TYPES.MSG_AT_ALL) && group.type === TYPES.GRP_COMMUNITY)
    throw notAllowed('@ALL is not allowed in Community groups.');
  if (options.onlineUserOnly && group.type === TYPES.GRP_AVCHATROOM)
    throw notAllowed('onlineUserOnly is not supported in AVChatRoom groups.');
}

/** 10017 for a member muted by setGroupMemberMuteTime, or a plain member while the whole group is muted. */
function refuseIfMuted(group: WireGroup & { selfInfo: NonNullable<WireGroup['selfInfo']> }): void {
  const { role, muteUntil = 0 } = group.selfInfo;
  if (muteUntil > nowSeconds())
    throw new ChatError(
      ErrorCode.GROUP_MEMBER_MUTED,
      `You are muted in group ${group.groupID} until ${new Date(muteUntil * 1000).toISOString()}.`,
    );
  if (group.muteAllMembers && role === TYPES.GRP_MBR_ROLE_MEMBER)
    throw new ChatError(
      ErrorCode.GROUP_MEMBER_MUTED,
      `Group ${group.groupID} is muted for all members; only its owner and admins can send.`,
    );
}

/**
 * Hands the message to the offline push hook for each recipient with no session who has not muted
 * the conversation (setMessageRemindType); the answer to the sender does not wait.
 */
function offlinePushes(
  ctx: OperationContext,
  app: number,
  outcome: StoredOutcome,
  offlinePushInfo: WireOfflinePushInfo,
): void {
  void (async () => {
    const online = await Promise.all(outcome.recipients.map((userID) => ctx.bus.isOnline(app, userID)));
    const offline = outcome.recipients.filter((_userID, i) => !online[i]);
    if (offline.length === 0) return;
    const { message } = outcome;
    const muted = new Set(
      await ctx.store.mutedAmong(
        app,
        offline.map((userID) => ({ userID, conversationID: conversationIDFor(message, userID) })),
      ),
    );
    for (const userID of offline) {
      if (muted.has(userID)) continue;
      ctx.hooks
        .offlinePush({ app, userID, message, offlinePushInfo })
        .catch(() => (ctx.stats.offlinePushesFailed += 1));
    }
  })().catch(() => (ctx.stats.offlinePushesFailed += 1));
}

/** The answer for a message that is delivered but not stored (onlineUserOnly) or dropped by the group limit. */
function unstored(draft: WireMessageDraft, from: string): WireMessage {
  return { ...draft, from, time: nowSeconds(), sequence: 0 };
}

/**
 * The first result of a message this sender already stored, or null: a retry is answered the same
 * whatever changed since (membership, moderation, the group's budget). A message another sender
 * stored under this ID is left to the commit, which refuses it (90005) after the membership check.
 */
async function storedEarlier(
  ctx: OperationContext,
  session: Session,
  draft: WireMessageDraft,
): Promise<WireMessage | null> {
  const found = await ctx.store.getMessage(session.app, conversationKeyOf(session.userID, draft), draft.ID);
  return found?.message.from === session.userID ? found.message : null;
}

/** The draft with the sender's nick and avatar, as stored and delivered (from the profile cache, warmed at login). */
function withSender(
  draft: WireMessageDraft,
  { nick, avatar }: WireProfile,
): WireMessageDraft & Pick<WireMessage, 'nick' | 'avatar'> {
  if (!nick && !avatar) return draft;
  return { ...draft, ...(nick ? { nick } : {}), ...(avatar ? { avatar } : {}) };
}

/** Every rule, then the commit (or, for onlineUserOnly, the push alone). */
async function sendChecked(
  ctx: OperationContext,
  session: Session,
  parsed: WireMessageDraft,
  options: WireSendOptions,
  ticket: SendTicket,
): Promise<WireMessage | Serialized<WireMessage>> {
  const draft = withSender(
    await resolveFilePayload(parsed, session.app, ctx.files),
    await ctx.profiles.get(session.app, session.userID),
  );
  const isGroup = draft.conversationType === TYPES.CONV_GROUP;
  if (isGroup) await checkGroupSend(ctx, session, draft, options);
  if (!options.messageControlInfo?.excludedFromContentModeration) {
    const verdict = await ctx.hooks.moderate({ app: session.app, sender: session.userID, draft });
    if (!verdict.ok) throw new ChatError(ErrorCode.CONTENT_MODERATION_FAILED, verdict.reason);
  }
  await ticket.turn();
  // The reference answers success for a message the group limit drops: nothing is stored or delivered.
  if (isGroup) {
    // The limiter answers in the order it was asked, so admitted sends reach the commit in that order too.
    const admission = ctx.limiter.admit(`${session.app}\u0000${draft.to}`, draft.priority);
    ticket.done();
    if (!(await admission)) return unstored(draft, session.userID);
  }

  const intent = {
    app: session.app,
    sender: session.userID,
    draft,
    ...options,
    friendCheck: ctx.settings.friendCheck,
  };
  if (options.onlineUserOnly) {
    ticket.done();
    const audience = await ctx.store.recipientsOf(intent);
    if (!audience.ok) throw audience.error;
    const message: WireMessage = { ...unstored(draft, session.userID), onlineUserOnly: true };
    await ctx.bus.publish(session.app, [session.userID, ...audience.recipients], 'message', message, session);
    return message;
  }

  const submitted = ctx.groupCommit.submit(intent);
  ticket.done();
  const outcome = await submitted;
  if (!outcome.ok) throw outcome.error;
  const stored = new Serialized<WireMessage>(outcome.messageJSON);
  if (outcome.duplicate) return stored;
  // The sender's other sessions get the message too.
  await ctx.bus.publish(session.app, [session.userID, ...outcome.recipients], 'message', stored, session);
  if (wantsOfflinePush(draft, options.offlinePushInfo))
    offlinePushes(ctx, session.app, outcome, options.offlinePushInfo ?? {});
  return stored;
}

export const sendOperations: Handlers<'send'> = {
  async send(d, connection, ctx) {
    const session = requireSession(connection);
    const { from, onlineUserOnly, offlinePushInfo, messageControlInfo, ...draft } = d;
    if (from !== undefined && from !== session.userID)
      throw new ChatError(
        ErrorCode.SENDER_MISMATCH,
        `This connection is logged in as ${session.userID}; it cannot send as ${describe(from)}.`,
      );
    const options = setOptionsOf({ onlineUserOnly, offlinePushInfo, messageControlInfo });
    const ticket = connection.sendOrder.ticket();
    try {
      return await sendInTurn(ctx, session, draft, options, ticket);
    } finally {
      ticket.done();
    }
  },
};

async function sendInTurn(
  ctx: OperationContext,
  session: Session,
  draft: WireMessageDraft,
  options: WireSendOptions,
  ticket: SendTicket,
): Promise<WireMessage | Serialized<WireMessage>> {
  // onlineUserOnly messages are never stored, so they are not deduplicated either.
  if (options.onlineUserOnly) return sendChecked(ctx, session, draft, options, ticket);
  // A retry of a stored group message takes none of the group's budget: it is looked up before the limiter.
  const earlier = draft.conversationType === TYPES.CONV_GROUP ? await storedEarlier(ctx, session, draft) : null;
  if (earlier) return earlier;
  try {
    return await sendChecked(ctx, session, draft, options, ticket);
  } catch (error) {
    // A rule that refuses now may have let the first send through. C2C looks only here, which
    // spares every send a store round trip: a retry that passes the rules meets the commit's check.
    const retried = await storedEarlier(ctx, session, draft);
    if (retried) return retried;
    throw error;
  }
}
