import * as v from 'valibot';
import { TYPES } from '../constants';
import { parseConversationID } from '../conversation-id';
import { GROUP_ID_PATTERN, USER_ID_PATTERN } from '../limits';

/** `C2C<userID>` or `GROUP<groupID>`: a conversation with history (the system conversation has none: 2106). */
export const conversationID = v.pipe(
  v.string('C2C<userID> or GROUP<groupID>'),
  v.maxLength(64, 'C2C<userID> or GROUP<groupID>'),
  v.check((id) => {
    const parsed = parseConversationID(id);
    if (parsed?.type === TYPES.CONV_C2C) return USER_ID_PATTERN.test(parsed.target);
    if (parsed?.type === TYPES.CONV_GROUP) return GROUP_ID_PATTERN.test(parsed.target);
    return false;
  }, 'C2C<userID> or GROUP<groupID>'),
);
