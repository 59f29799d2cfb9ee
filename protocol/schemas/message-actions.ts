/** The requests of revokeMessage, deleteMessage, modifyMessage and getMessageListHopping. */
import * as v from 'valibot';
import { TYPES, type MessageType } from '../constants';
import { isPlainObject } from '../fields';
import { HISTORY_PAGE_SIZE, MAX_DELETE_MESSAGES } from '../limits';
import type { ModifyMessageRequest } from '../operations';
import { fields, list, messageID, wholeNumber } from './common';
import { bodyText, customPayload, facePayload, locationPayload, textPayload } from './content';
import { parseWith } from './issues';
import type { conversationID as ConversationIDSchema } from './requests';

/** Sequences and server times (seconds) are positive whole numbers. */
const position = wholeNumber(1, Number.MAX_SAFE_INTEGER);

/** The schemas, given requests.ts's conversationID (passed in, as requests.ts imports this file). */
export const messageActionSchemas = (conversationID: typeof ConversationIDSchema) => {
  const messageRef = fields({ conversationID, ID: messageID });
  return {
    revokeMessage: fields({ message: messageRef }),
    deleteMessage: fields({
      messageList: v.pipe(
        list(messageRef, MAX_DELETE_MESSAGES, 'messages'),
        v.check(
          (refs) => refs.every((ref) => ref.conversationID === refs[0].conversationID),
          'messages of one conversation',
        ),
      ),
    }),
    modifyMessage: fields({
      message: messageRef,
      version: wholeNumber(0, Number.MAX_SAFE_INTEGER),
      // Checked against the stored message's type by modifiedPayload, once the message is found.
      payload: v.optional(v.custom<Record<string, unknown>>(isPlainObject, 'an object (the message payload)')),
      cloudCustomData: v.optional(bodyText),
    }),
    getMessageListHopping: v.pipe(
      fields({
        conversationID,
        sequence: v.optional(position),
        time: v.optional(position),
        direction: v.optional(v.picklist([0, 1] as const, '0 (older) or 1 (newer)')),
        count: v.optional(wholeNumber(1, HISTORY_PAGE_SIZE)),
      }),
      v.check((d) => d.sequence !== undefined || d.time !== undefined, 'a sequence or a time to start from'),
    ),
  };
};

/** The message types whose payload modifyMessage may change (the reference's list); cloudCustomData changes on any. */
export const MODIFIABLE_PAYLOAD_SCHEMAS: Partial<
  Record<MessageType, v.GenericSchema<unknown, Record<string, unknown>>>
> = {
  [TYPES.MSG_TEXT]: textPayload,
  [TYPES.MSG_CUSTOM]: customPayload,
  [TYPES.MSG_FACE]: facePayload,
  [TYPES.MSG_LOCATION]: locationPayload,
};

/** The new payload of a `type` message checked by its type's schema (90003 naming the field otherwise), or null for a type whose payload cannot change. */
export function modifiedPayload(
  type: MessageType,
  payload: NonNullable<ModifyMessageRequest['payload']>,
): Record<string, unknown> | null {
  const schema = MODIFIABLE_PAYLOAD_SCHEMAS[type];
  return schema ? parseWith(schema, payload, 'payload', 'modifyMessage') : null;
}
