import { numberOf, stringOf } from './message';

/** One reaction of a message as the reference gives it (getMessageReactions, MESSAGE_REACTIONS_UPDATED). */
export interface MessageReaction {
  reactionID: string;
  totalUserCount: number;
  reactedByMyself?: boolean;
  partialUserList?: Array<{ userID: string; nick?: string; avatar?: string }>;
}

/** What a bubble shows of one reaction: the emoji, how many, and whether the viewer is one of them. */
export interface ReactionChip {
  id: string;
  count: number;
  mine: boolean;
}

/** The chips under a bubble, in the order the reactions came; reactions nobody holds any more are left out. */
export function reactionChips(reactions: unknown): ReactionChip[] {
  if (!Array.isArray(reactions)) return [];
  return (reactions as Array<Record<string, unknown>>)
    .map((reaction) => ({
      id: stringOf(reaction?.reactionID),
      count: numberOf(reaction?.totalUserCount),
      mine: reaction?.reactedByMyself === true,
    }))
    .filter((chip) => chip.id !== '' && chip.count > 0);
}

/**
 * The reactions after the viewer added (`add`) or removed one, before the server's word arrives
 * (MESSAGE_REACTIONS_UPDATED replaces them then).
 */
export function toggledReactions(
  reactions: readonly MessageReaction[],
  reactionID: string,
  add: boolean,
): MessageReaction[] {
  const known = reactions.some((reaction) => reaction.reactionID === reactionID);
  const list = known ? reactions : [...reactions, { reactionID, totalUserCount: 0, reactedByMyself: false }];
  return list
    .map((reaction) =>
      reaction.reactionID !== reactionID || Boolean(reaction.reactedByMyself) === add
        ? reaction
        : { ...reaction, totalUserCount: reaction.totalUserCount + (add ? 1 : -1), reactedByMyself: add },
    )
    .filter((reaction) => reaction.totalUserCount > 0);
}

/** Whether a tap on reaction `reactionID` adds it (the viewer has not reacted with it yet) or removes it. */
export function addsReaction(reactions: readonly MessageReaction[], reactionID: string): boolean {
  return !reactions.some((reaction) => reaction.reactionID === reactionID && reaction.reactedByMyself);
}
