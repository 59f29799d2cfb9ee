/** The fields of a message draft that the SDK's create*Message and the server's `send` both check. */
import * as v from 'valibot';
import { PRIORITIES, TYPES } from '../constants';
import { MAX_RECEIVERS } from '../limits';
import { flag, messageID, nonEmptyText, text, userIDList } from './common';
import { bodyText } from './content';

const SENDABLE = [TYPES.CONV_C2C, TYPES.CONV_GROUP] as const;

/** C2C or GROUP; the system conversation is answered 2106 (issues.ts). */
export const sendableConversationType = v.picklist(SENDABLE, `one of ${SENDABLE.join(', ')}`);

export const priority = v.optional(
  v.picklist(PRIORITIES, `one of ${PRIORITIES.join(', ')}`),
  TYPES.MSG_PRIORITY_NORMAL,
);

export const receiverList = userIDList(MAX_RECEIVERS);

export const draftEntries = {
  ID: messageID,
  conversationType: sendableConversationType,
  /** A userID or a groupID, by conversationType: `requireRecipient` (message-rules.ts). */
  to: nonEmptyText(48),
  /** Never trusted: the handler compares it with the logged-in user. */
  from: v.optional(text(64)),
  priority,
  cloudCustomData: v.optional(bodyText, ''),
  needReadReceipt: v.optional(flag, false),
  isSupportExtension: v.optional(flag, false),
  receiverList: v.optional(receiverList),
};
