import { TYPES } from '../../protocol/constants';

/** How a group message @-mentions `userID` (group_at.at_type): 1 @me, 2 @all, 3 both, 0 neither. */
export function atTypeFor(atUserList: readonly string[] | undefined, userID: string): 0 | 1 | 2 | 3 {
  if (!atUserList) return 0;
  const me = atUserList.includes(userID);
  const all = atUserList.includes(TYPES.MSG_AT_ALL);
  return me && all ? 3 : all ? 2 : me ? 1 : 0;
}
