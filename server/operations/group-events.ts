/**
 * What a group change tells people: a group tip (TIMGroupTipElem) stored in the group's sequence
 * through the same commit as any message, and group system notices (TIMGroupSystemNoticeElem) to
 * the users they concern, each stored in the recipient's own `@TIM#SYSTEM` conversation through that
 * same commit, so a user who was offline gets them on their next login or reconnect.
 */
import { randomBytes } from 'node:crypto';
import { TYPES } from '../../protocol/constants';
import type { WireMessage, WireMessageDraft } from '../../protocol/messages';
import type { WireGroup } from '../../protocol/operations';
import { Serialized } from '../serialized';
import type { OperationContext } from './context';

/** The reference's tip payload: `operationType` (TYPES.GRP_TIP_*) and what it is about. */
export interface GroupTipPayload {
  operationType: number;
  userIDList?: string[];
  /** GRP_TIP_GRP_PROFILE_UPDATED: the fields that changed (groupName, introduction, notification, avatar, ownerID, muteAllMembers, joinOption, groupCustomField). */
  newGroupProfile?: Record<string, unknown>;
  /** GRP_TIP_MBR_PROFILE_UPDATED: members muted (muteTime seconds) or unmuted (0). */
  memberList?: Array<{ userID: string; muteTime: number }>;
}

function serverMessageID(kind: string): string {
  return `${kind}-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
}

/**
 * Stores a tip in the group's sequence, from `operatorID`, and delivers it to every member and the
 * operator's sessions (unless the operator has just left the group: `operatorSees` false).
 */
export async function postGroupTip(
  ctx: OperationContext,
  app: number,
  groupID: string,
  operatorID: string,
  payload: GroupTipPayload,
  operatorSees = true,
): Promise<void> {
  const draft: WireMessageDraft = {
    ID: serverMessageID('tip'),
    type: TYPES.MSG_GRP_TIP,
    conversationType: TYPES.CONV_GROUP,
    to: groupID,
    payload: { operatorID, groupProfile: { groupID }, userIDList: [], ...payload },
    priority: TYPES.MSG_PRIORITY_NORMAL,
    cloudCustomData: '',
    needReadReceipt: false,
    isSupportExtension: false,
  };
  // As in the reference, a tip updates the conversation's last message but is not counted as unread.
  const outcome = await ctx.groupCommit.submit({
    app,
    sender: operatorID,
    draft,
    serverMade: true,
    messageControlInfo: { excludedFromUnreadCount: true },
  });
  if (!outcome.ok) throw outcome.error;
  const audience = operatorSees ? [operatorID, ...outcome.recipients] : outcome.recipients;
  await ctx.bus.publish(app, audience, 'message', new Serialized<WireMessage>(outcome.messageJSON));
}

/** The reference's system notice payload; operationType is one of GROUP_SYSTEM_NOTICE. */
export interface GroupNoticePayload {
  operationType: number;
  operatorID: string;
  /** A join request's note, or the answer to it. */
  handleMessage?: string;
}

/**
 * A group system notice to each of `userIDs`, stored in their own `@TIM#SYSTEM` conversation (its own
 * sequence per user) through the same commit as any message, then pushed to their sessions. A user
 * offline now finds it in the conversation list and in getMessageList('@TIM#SYSTEM'), and the SDK's
 * catch-up after a reconnect reports it as MESSAGE_RECEIVED.
 */
export async function sendGroupNotice(
  ctx: OperationContext,
  app: number,
  userIDs: readonly string[],
  group: Pick<WireGroup, 'groupID' | 'name' | 'type'>,
  payload: GroupNoticePayload,
): Promise<void> {
  const groupProfile = { groupID: group.groupID, name: group.name, type: group.type };
  // Submitted together, the notices of one change share one transaction.
  const outcomes = await Promise.all(
    [...new Set(userIDs)].map((userID) =>
      ctx.groupCommit.submit({
        app,
        sender: TYPES.CONV_SYSTEM,
        draft: {
          ID: serverMessageID('notice'),
          type: TYPES.MSG_GRP_SYS_NOTICE,
          conversationType: TYPES.CONV_SYSTEM,
          to: userID,
          payload: { handleMessage: '', ...payload, groupProfile },
          priority: TYPES.MSG_PRIORITY_NORMAL,
          cloudCustomData: '',
          needReadReceipt: false,
          isSupportExtension: false,
        },
        serverMade: true,
      }),
    ),
  );
  await Promise.all(
    outcomes.map((outcome) => {
      if (!outcome.ok) throw outcome.error;
      return ctx.bus.publish(app, outcome.recipients, 'message', new Serialized<WireMessage>(outcome.messageJSON));
    }),
  );
}
