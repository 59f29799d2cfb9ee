import { ChatError, ErrorCode } from '../protocol/errors';

/** What the C2C rules read: is the sender in the receiver's blacklist, and are they friends (both ways). */
export interface C2CRelation {
  blocked: boolean;
  friends: boolean;
}

/** Whether `sender` may message `to` one to one: the blacklist (20007) and, with the friend check on, friendship (20009). */
export function c2cRefusal(relation: C2CRelation, friendCheck: boolean, to: string): ChatError | null {
  if (relation.blocked)
    return new ChatError(ErrorCode.IN_PEER_BLACKLIST, `${to} has blocked you; the message was not sent.`);
  if (friendCheck && !relation.friends)
    return new ChatError(
      ErrorCode.NOT_FRIENDS,
      `You and ${to} are not friends, and this server only lets friends chat one to one; addFriend first.`,
    );
  return null;
}
