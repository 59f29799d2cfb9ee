/**
 * `sendMessage`'s options: their schema and the one parser both sides run, so the SDK refuses
 * early with the code and message the server would answer.
 */
import * as v from 'valibot';
import { isPlainObject, type Fields } from '../fields';
import { MAX_SEND_OPTION_CHARS } from '../limits';
import { fields, flag, text } from './common';
import { errorOf } from './issues';
import {
  checkSendOptions,
  setOptionsOf,
  type WireMessageControlInfo,
  type WireOfflinePushInfo,
  type WireSendOptions,
} from '../send-options';

const optionText = text(MAX_SEND_OPTION_CHARS);

/** An options object with only these fields; an unknown one is refused, so a misspelt option is not silently ignored. */
const options = <const Entries extends v.ObjectEntries>(entries: Entries) =>
  v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, 'an object'),
    v.strictObject(entries, `an object with only ${Object.keys(entries).join(', ')}`),
  );

const offlinePushInfo: v.GenericSchema<unknown, WireOfflinePushInfo> = options({
  disablePush: v.optional(flag),
  disableVoipPush: v.optional(flag),
  title: v.optional(optionText),
  description: v.optional(optionText),
  extension: v.optional(optionText),
  ignoreIOSBadge: v.optional(flag),
  androidOPPOChannelID: v.optional(optionText),
});

const messageControlInfo: v.GenericSchema<unknown, WireMessageControlInfo> = options({
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

/** The send options among `fields` (the SDK's options argument), checked by the schema the server runs on a `send`. */
export function parseSendOptions(fields: Fields): WireSendOptions {
  const result = v.safeParse(sendOptions, fields, { abortEarly: true });
  if (!result.success) throw errorOf('send', result.issues);
  checkSendOptions(result.output);
  return setOptionsOf(result.output);
}
