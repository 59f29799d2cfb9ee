import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { c2cRefusal, type C2CRelation } from '../c2c-rules';
import type { SendIntent } from './store';

/** Who a message reaches. Decided once per message, by the store, where membership and relations cannot change under it. */
export interface Audience {
  /** Users it is delivered to besides its sender (whose other sessions get it too). */
  recipients: string[];
  /** Who may read it later, sender included (a targeted group message); null: everyone in the conversation. */
  visibleTo: string[] | null;
  /** A server-made tip whose operator is no longer a member (they quit, or were removed), or a system notice: the sender's conversation is not touched. */
  senderOutside?: true;
}

/** What the decision reads; a store answers these inside its transaction. */
export interface AudienceLookups {
  c2cRelation(app: number, sender: string, to: string): C2CRelation;
  /** null when there is no such group. */
  groupMemberIDs(app: number, groupID: string): string[] | null;
}

/** The one place that decides a send's audience, or why it may not go (20007, 20009, 10010, 10007, 90003). */
export function decideAudience(
  { app, sender, draft, friendCheck = false, serverMade = false }: SendIntent,
  lookups: AudienceLookups,
): Audience | ChatError {
  if (draft.conversationType === TYPES.CONV_SYSTEM) {
    // A group system notice, to the one user whose conversation it is; its sender (the system) has no conversation.
    if (!serverMade) return new ChatError(ErrorCode.INVALID_PARAMETER, 'Messages cannot be sent to @TIM#SYSTEM.');
    return { recipients: [draft.to], visibleTo: null, senderOutside: true };
  }
  if (draft.conversationType !== TYPES.CONV_GROUP) {
    if (draft.to === sender) return { recipients: [], visibleTo: null };
    return (
      c2cRefusal(lookups.c2cRelation(app, sender, draft.to), friendCheck, draft.to) ?? {
        recipients: [draft.to],
        visibleTo: null,
      }
    );
  }
  const members = lookups.groupMemberIDs(app, draft.to);
  if (!members) return new ChatError(ErrorCode.GROUP_NOT_FOUND, `Group ${draft.to} does not exist.`);
  if (serverMade) {
    const recipients = members.filter((userID) => userID !== sender);
    return recipients.length < members.length
      ? { recipients, visibleTo: null }
      : { recipients, visibleTo: null, senderOutside: true };
  }
  if (!members.includes(sender))
    return new ChatError(ErrorCode.NO_GROUP_PERMISSION, `You are not a member of group ${draft.to}; join it first.`);
  if (!draft.receiverList) return { recipients: members.filter((userID) => userID !== sender), visibleTo: null };
  const memberSet = new Set(members);
  const outsiders = draft.receiverList.filter((userID) => !memberSet.has(userID));
  if (outsiders.length > 0) {
    const names = outsiders.slice(0, 5).join(', ');
    return new ChatError(
      ErrorCode.INVALID_PARAMETER,
      `receiverList names ${names}, who ${outsiders.length === 1 ? 'is' : 'are'} not in group ${draft.to}.`,
    );
  }
  const recipients = [...new Set(draft.receiverList)].filter((userID) => userID !== sender);
  return { recipients, visibleTo: [sender, ...recipients] };
}
