import * as v from 'valibot';
import { TYPES } from '../constants';
import { parseConversationID } from '../conversation-id';
import { GROUP_ID_PATTERN, USER_ID_PATTERN } from '../limits';

function isChatConversationID(id: string): boolean {
  const parsed = parseConversationID(id);
  if (parsed?.type === TYPES.CONV_C2C) return USER_ID_PATTERN.test(parsed.target);
  if (parsed?.type === TYPES.CONV_GROUP) return GROUP_ID_PATTERN.test(parsed.target);
  return false;
}

/** `C2C<userID>` or `GROUP<groupID>`: a conversation people write in (the system conversation is refused: 2106). */
export const conversationID = v.pipe(
  v.string('C2C<userID> or GROUP<groupID>'),
  v.maxLength(64, 'C2C<userID> or GROUP<groupID>'),
  v.check(isChatConversationID, 'C2C<userID> or GROUP<groupID>'),
);

const READABLE = 'C2C<userID>, GROUP<groupID> or @TIM#SYSTEM';

/** A conversation its user may read and mark read: `conversationID`, or their own `@TIM#SYSTEM` (group system notices). */
export const readableConversationID = v.pipe(
  v.string(READABLE),
  v.maxLength(64, READABLE),
  v.check((id) => id === TYPES.CONV_SYSTEM || isChatConversationID(id), READABLE),
);
