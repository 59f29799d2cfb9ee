import { MAX_REACTIONS_PER_MESSAGE, MAX_USERS_PER_REACTION } from '../../protocol/chat-actions';
import type { WireMessageReactions, WireReaction } from '../../protocol/chat-actions';
import { ChatError, ErrorCode } from '../../protocol/errors';

/** The reaction refusals and answers every Store implementation gives, whatever keeps the rows. */

/** One stored use of a reaction, in the order users are listed (time, then userID). */
export interface ReactionUse {
  reactionID: string;
  userID: string;
}

/** Why `userID` may not add `reactionID`, given what the message has now; null when they may. */
export function refusalToAdd(
  msgID: string,
  reactionID: string,
  state: { alreadyReacted: boolean; reactionIDs: string[]; usersOfReaction: number },
): ChatError | null {
  if (state.alreadyReacted)
    return new ChatError(
      ErrorCode.REACTION_ALREADY_CONTAIN_USER,
      `You already reacted with ${reactionID} to message ${msgID}.`,
    );
  if (!state.reactionIDs.includes(reactionID) && state.reactionIDs.length >= MAX_REACTIONS_PER_MESSAGE)
    return new ChatError(
      ErrorCode.REACTION_COUNT_LIMIT,
      `Message ${msgID} already has ${MAX_REACTIONS_PER_MESSAGE} different reactions, the most one message may have; react with one of those.`,
    );
  if (state.usersOfReaction >= MAX_USERS_PER_REACTION)
    return new ChatError(
      ErrorCode.REACTION_USER_COUNT_LIMIT,
      `${MAX_USERS_PER_REACTION} users already reacted with ${reactionID} to message ${msgID}, the most one reaction may have.`,
    );
  return null;
}

/** 23008 when nobody used the reaction, else 23009: the user did not. */
export function refusalToRemove(msgID: string, reactionID: string, usersOfReaction: number): ChatError {
  if (usersOfReaction === 0) return noSuchReaction(msgID, reactionID);
  return new ChatError(
    ErrorCode.REACTION_NOT_CONTAIN_USER,
    `You have not reacted with ${reactionID} to message ${msgID}, so there is nothing to remove.`,
  );
}

export function noSuchReaction(msgID: string, reactionID: string): ChatError {
  return new ChatError(ErrorCode.REACTION_NOT_EXISTS, `Message ${msgID} has no reaction ${reactionID}.`);
}

/** A message's reactions, in the order first used, with their first `maxUsers` users; `viewer` sets reactedByMyself. */
export function reactionsOf(
  messageID: string,
  uses: ReactionUse[],
  maxUsers: number,
  viewer: string | null,
): WireMessageReactions {
  const byReaction = new Map<string, string[]>();
  for (const use of uses) {
    const users = byReaction.get(use.reactionID) ?? [];
    users.push(use.userID);
    byReaction.set(use.reactionID, users);
  }
  const reactionList = [...byReaction].map(([reactionID, users]) => {
    const reaction: WireReaction = {
      reactionID,
      totalUserCount: users.length,
      partialUserList: users.slice(0, maxUsers).map((userID) => ({ userID, nick: '', avatar: '' })),
    };
    if (viewer !== null) reaction.reactedByMyself = users.includes(viewer);
    return reaction;
  });
  return { messageID, reactionList };
}
