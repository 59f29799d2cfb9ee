/**
 * Merged messages (TIMRelayElem): the payload a sender gives and the copies of messages it holds,
 * each cut down to the fields its type has. Mergers nest; past MAX_MERGER_LAYERS the message keeps
 * only its compatibleText and says `layersOverLimit: true`, as the reference does.
 */
import * as v from 'valibot';
import { PRIORITIES, SENDABLE_MESSAGE_TYPES, TYPES, type MessagePriority, type MessageType } from '../constants';
import { MAX_MERGED_MESSAGES, MAX_MERGER_LAYERS, MESSAGE_ID_PATTERN } from '../limits';
import { fields, flag, nonEmptyText, ownFields, text, wholeNumber } from './common';
import { bodyText, customPayload, facePayload, locationPayload, storedFilePayloads, textPayload } from './content';

export type MergerPayload = {
  title: string;
  abstractList: string[];
  compatibleText: string;
  messageList: MergedMessage[];
  downloadKey: string;
  layersOverLimit: boolean;
};

/** A message as a merger holds it: what a UI needs to show it. */
export interface MergedMessage {
  type: MessageType;
  payload: Record<string, unknown>;
  ID?: string;
  from?: string;
  to?: string;
  conversationType?: string;
  time?: number;
  sequence?: number;
  nick?: string;
  avatar?: string;
  cloudCustomData?: string;
  priority?: MessagePriority;
  status?: 'success';
}

/** Layers of merged messages in `payload`, itself included; a layer already over the limit counts as too many. */
function layersOf(payload: MergerPayload): number {
  if (payload.layersOverLimit) return Infinity;
  let deepest = 0;
  for (const message of payload.messageList) {
    if (message.type === TYPES.MSG_MERGER) deepest = Math.max(deepest, layersOf(message.payload as MergerPayload));
  }
  return 1 + deepest;
}

function limitLayers(payload: MergerPayload): MergerPayload {
  if (layersOf(payload) <= MAX_MERGER_LAYERS) return { ...payload, layersOverLimit: false };
  return { ...payload, title: '', abstractList: [], messageList: [], layersOverLimit: true };
}

const abstractList = v.pipe(
  v.array(text(1024), 'an array of strings'),
  v.maxLength(MAX_MERGED_MESSAGES, `at most ${MAX_MERGED_MESSAGES} lines`),
);

const mergedMessageList = v.pipe(
  v.array(
    v.lazy(() => mergedMessage),
    'an array of messages',
  ),
  v.maxLength(MAX_MERGED_MESSAGES, `at most ${MAX_MERGED_MESSAGES} messages`),
);

const mergerEntries = {
  title: v.optional(text(1024), ''),
  abstractList: v.optional(abstractList, () => []),
  messageList: v.optional(mergedMessageList, () => []),
  downloadKey: v.optional(text(256), ''),
  layersOverLimit: v.optional(flag, false),
};

/** A merger inside a merger. */
const innerMergerPayload = v.pipe(
  fields({ ...mergerEntries, compatibleText: v.optional(bodyText, '') }),
  v.transform(limitLayers),
);

/** The merger a sender gives: compatibleText is what clients that cannot show merged messages show instead. */
export const mergerPayload = v.pipe(
  fields({
    ...mergerEntries,
    compatibleText: nonEmptyText(1024),
  }),
  v.transform(limitLayers),
);

const mergedEntries = {
  ID: v.optional(v.pipe(v.string('a message ID'), v.regex(MESSAGE_ID_PATTERN, 'a message ID'))),
  from: v.optional(text(64)),
  to: v.optional(text(64)),
  conversationType: v.optional(text(16)),
  time: v.optional(wholeNumber(0, Number.MAX_SAFE_INTEGER)),
  sequence: v.optional(wholeNumber(0, Number.MAX_SAFE_INTEGER)),
  nick: v.optional(text(256)),
  avatar: v.optional(text(2048)),
  cloudCustomData: v.optional(bodyText),
  priority: v.optional(v.picklist(PRIORITIES, `one of ${PRIORITIES.join(', ')}`)),
  status: v.optional(v.literal('success', '"success": only messages sent successfully can be merged')),
};

const merged = <Type extends MessageType, Payload extends v.GenericSchema>(type: Type, payload: Payload) =>
  v.object({ ...mergedEntries, type: v.literal(type), payload });

const mergedMessage: v.GenericSchema<unknown, MergedMessage> = v.pipe(
  ownFields([...Object.keys(mergedEntries), 'type', 'payload']),
  v.variant(
    'type',
    [
      merged(TYPES.MSG_TEXT, textPayload),
      merged(TYPES.MSG_CUSTOM, customPayload),
      merged(TYPES.MSG_FACE, facePayload),
      merged(TYPES.MSG_LOCATION, locationPayload),
      merged(TYPES.MSG_IMAGE, storedFilePayloads[TYPES.MSG_IMAGE]),
      merged(TYPES.MSG_AUDIO, storedFilePayloads[TYPES.MSG_AUDIO]),
      merged(TYPES.MSG_FILE, storedFilePayloads[TYPES.MSG_FILE]),
      merged(TYPES.MSG_VIDEO, storedFilePayloads[TYPES.MSG_VIDEO]),
      merged(TYPES.MSG_MERGER, innerMergerPayload),
    ],
    `one of ${SENDABLE_MESSAGE_TYPES.join(', ')}`,
  ),
);
