/**
 * `sendMessage`'s options: their schema, their shape on the wire, and the one parser both sides
 * run, so the SDK refuses early with the code and message the server would answer.
 */
import * as v from 'valibot';
import { ChatError, ErrorCode } from './errors';
import { isPlainObject, type Fields } from './fields';
import { MAX_SEND_OPTION_CHARS } from './limits';
import { fields, flag, text } from './schemas/common';
import { errorOf } from './schemas/issues';

const optionText = text(MAX_SEND_OPTION_CHARS);

/** An options object with only these fields; an unknown one is refused, so a misspelt option is not silently ignored. */
const options = <const Entries extends v.ObjectEntries>(entries: Entries) =>
  v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, 'an object'),
    v.strictObject(entries, `an object with only ${Object.keys(entries).join(', ')}`),
  );

const offlinePushInfo = options({
  disablePush: v.optional(flag),
  disableVoipPush: v.optional(flag),
  title: v.optional(optionText),
  description: v.optional(optionText),
  extension: v.optional(optionText),
  ignoreIOSBadge: v.optional(flag),
  androidOPPOChannelID: v.optional(optionText),
});

const messageControlInfo = options({
  excludedFromUnreadCount: v.optional(flag),
  excludedFromLastMessage: v.optional(flag),
  excludedFromContentModeration: v.optional(flag),
});

/** The options' fields, as they sit beside the draft in a `send` request. */
export const sendOptionEntries = {
  onlineUserOnly: v.optional(flag),
  offlinePushInfo: v.optional(offlinePushInfo),
  messageControlInfo: v.optional(messageControlInfo),
};
const sendOptions = fields(sendOptionEntries);

export type WireOfflinePushInfo = v.InferOutput<typeof offlinePushInfo>;
export type WireMessageControlInfo = v.InferOutput<typeof messageControlInfo>;

/** `sendMessage`'s options as they travel with a `send`. */
export interface WireSendOptions {
  /** Only online recipients get it: not stored, not unread, not pushed offline. Not with messageControlInfo. */
  onlineUserOnly?: boolean;
  offlinePushInfo?: WireOfflinePushInfo;
  messageControlInfo?: WireMessageControlInfo;
}

/** onlineUserOnly with messageControlInfo is refused (90009), as the reference says. */
export function checkSendOptions(options: WireSendOptions): void {
  if (options.onlineUserOnly && options.messageControlInfo) {
    throw new ChatError(
      ErrorCode.SEND_OPTION_NOT_ALLOWED,
      'onlineUserOnly and messageControlInfo cannot be used together; drop one of them.',
    );
  }
}

/** Only the options that are set: what a `send` carries and what the server acts on. */
export function setOptionsOf({
  onlineUserOnly,
  offlinePushInfo,
  messageControlInfo,
}: WireSendOptions): WireSendOptions {
  const set: WireSendOptions = {};
  if (onlineUserOnly) set.onlineUserOnly = true;
  if (offlinePushInfo) set.offlinePushInfo = offlinePushInfo;
  if (messageControlInfo) set.messageControlInfo = messageControlInfo;
  return set;
}

/** The send options among `fields` (the SDK's options argument), checked by the schema the server runs on a `send`. */
export function parseSendOptions(fields: Fields): WireSendOptions {
  const result = v.safeParse(sendOptions, fields, { abortEarly: true });
  if (!result.success) throw errorOf('send', result.issues);
  checkSendOptions(result.output);
  return setOptionsOf(result.output);
}
