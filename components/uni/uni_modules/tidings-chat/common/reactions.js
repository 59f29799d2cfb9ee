// Generated from components/shared/reactions.ts by `npm run build:uni-shared`: edit that file, not this one.
import { numberOf, stringOf } from "./message.js";
function reactionChips(reactions) {
  if (!Array.isArray(reactions)) return [];
  return reactions.map((reaction) => ({
    id: stringOf(reaction == null ? void 0 : reaction.reactionID),
    count: numberOf(reaction == null ? void 0 : reaction.totalUserCount),
    mine: (reaction == null ? void 0 : reaction.reactedByMyself) === true
  })).filter((chip) => chip.id !== "" && chip.count > 0);
}
function toggledReactions(reactions, reactionID, add) {
  const known = reactions.some((reaction) => reaction.reactionID === reactionID);
  const list = known ? reactions : [...reactions, { reactionID, totalUserCount: 0, reactedByMyself: false }];
  return list.map(
    (reaction) => reaction.reactionID !== reactionID || Boolean(reaction.reactedByMyself) === add ? reaction : { ...reaction, totalUserCount: reaction.totalUserCount + (add ? 1 : -1), reactedByMyself: add }
  ).filter((reaction) => reaction.totalUserCount > 0);
}
function addsReaction(reactions, reactionID) {
  return !reactions.some((reaction) => reaction.reactionID === reactionID && reaction.reactedByMyself);
}
export {
  addsReaction,
  reactionChips,
  toggledReactions
};
