/**
 * A `send` request: the message draft, its payload by type, and `sendMessage`'s options. The rules
 * that tie fields together (the recipient's form, @ and targeted messages only in groups, the
 * 12 KB body, options that exclude each other) are in `checkSendRules`, run right after the schema.
 */
import * as v from 'valibot';
import { SENDABLE_MESSAGE_TYPES, TYPES, type MessageType } from '../constants';
import { ErrorCode } from '../errors';
import { invalid } from '../fields';
import { requireRecipient } from '../message-rules';
import { checkBodySize, type SendRequest } from '../messages';
import { checkSendOptions } from '../send-options';
import { sendOptionEntries } from './send-options';
import { ownFields } from './common';
import { customPayload, facePayload, locationPayload, textPayload, uploadedPayloads } from './content';
import { draftEntries } from './draft';
import { errorOf } from './issues';
import { mergerPayload } from './merger';

const sendEntries = { ...draftEntries, ...sendOptionEntries };

const draftOf = <Type extends MessageType, Payload extends v.GenericSchema>(type: Type, payload: Payload) =>
  v.object({ ...sendEntries, type: v.literal(type), payload });

export const sendRequest = v.pipe(
  ownFields([...Object.keys(sendEntries), 'type', 'payload']),
  v.variant(
    'type',
    [
      draftOf(TYPES.MSG_TEXT, textPayload),
      draftOf(TYPES.MSG_CUSTOM, customPayload),
      draftOf(TYPES.MSG_FACE, facePayload),
      draftOf(TYPES.MSG_LOCATION, locationPayload),
      draftOf(TYPES.MSG_IMAGE, uploadedPayloads[TYPES.MSG_IMAGE]),
      draftOf(TYPES.MSG_AUDIO, uploadedPayloads[TYPES.MSG_AUDIO]),
      draftOf(TYPES.MSG_FILE, uploadedPayloads[TYPES.MSG_FILE]),
      draftOf(TYPES.MSG_VIDEO, uploadedPayloads[TYPES.MSG_VIDEO]),
      draftOf(TYPES.MSG_MERGER, mergerPayload),
    ],
    `one of ${SENDABLE_MESSAGE_TYPES.join(', ')}`,
  ),
);

export type CheckedSendRequest = v.InferOutput<typeof sendRequest>;

function checkMerger(request: CheckedSendRequest): void {
  if (request.type !== TYPES.MSG_MERGER || request.payload.layersOverLimit) return;
  const { messageList, downloadKey } = request.payload;
  if (downloadKey === '' && messageList.length === 0)
    throw invalid('payload.messageList is empty: merge at least one message.', ErrorCode.MERGER_INVALID_MESSAGE);
  if (downloadKey !== '' && messageList.length > 0)
    throw invalid(
      'A merger message has either messageList or downloadKey, not both.',
      ErrorCode.MERGER_INVALID_MESSAGE,
    );
}

/** The rules between a send's fields; the request already passed `sendRequest`. */
export function checkSendRules(request: CheckedSendRequest): SendRequest {
  const isGroup = request.conversationType === TYPES.CONV_GROUP;
  requireRecipient(request, request.conversationType);
  const atUserList = request.type === TYPES.MSG_TEXT ? request.payload.atUserList : undefined;
  if (atUserList && !isGroup) throw invalid('atUserList (a text-at message) is for group messages only.');
  if (request.receiverList && !isGroup) throw invalid('receiverList (a targeted message) is for group messages only.');
  checkMerger(request);
  checkSendOptions(request);
  checkBodySize(request);
  return atUserList ? { ...request, atUserList } : request;
}

/** A `send` request's data checked by the schema and the rules: the draft and options the server stores and sends. */
export function parseSendRequest(d: unknown): SendRequest {
  const result = v.safeParse(sendRequest, d, { abortEarly: true });
  if (!result.success) throw errorOf('send', result.issues);
  return checkSendRules(result.output);
}
