/**
 * `sendMessage`'s options: their schema and the one parser both sides run, so the SDK refuses
 * early with the code and message the server would answer.
 */
import * as v from 'valibot';
import { isPlainObject, type Fields } from '../fields';
import { MAX_PUSH_VENDOR_KEYS, MAX_SEND_OPTION_CHARS } from '../limits';
import { fields, flag, text } from './common';
import { errorOf } from './issues';
import {
  checkSendOptions,
  setOptionsOf,
  type WireMessageControlInfo,
  type PushVendorInfo,
  type WireOfflinePushInfo,
  type WireSendOptions,
} from '../send-options';

const optionText = text(MAX_SEND_OPTION_CHARS);

/**
 * An options object with these fields. A field this version does not know is dropped, not refused:
 * newer reference versions add options, and code written for them must still send.
 */
const options = <const Entries extends v.ObjectEntries>(entries: Entries) => fields(entries);

const VENDOR_INFO = `an object of at most ${MAX_PUSH_VENDOR_KEYS} strings (up to ${MAX_SEND_OPTION_CHARS} characters), numbers or booleans`;
const isVendorValue = (value: unknown) =>
  (typeof value === 'string' && value.length <= MAX_SEND_OPTION_CHARS) ||
  (typeof value === 'number' && Number.isFinite(value)) ||
  typeof value === 'boolean';

/** androidInfo / apnsInfo: kept as given, own keys only, into an object without a prototype's keys. */
const pushVendorInfo: v.GenericSchema<unknown, PushVendorInfo> = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, VENDOR_INFO),
  v.check(
    (input) => Object.keys(input).length <= MAX_PUSH_VENDOR_KEYS && Object.values(input).every(isVendorValue),
    VENDOR_INFO,
  ),
  v.transform((input) => {
    const kept: PushVendorInfo = {};
    for (const key of Object.keys(input)) if (key !== '__proto__') kept[key] = input[key] as PushVendorInfo[string];
    return kept;
  }),
);

const offlinePushInfo: v.GenericSchema<unknown, WireOfflinePushInfo> = options({
  disablePush: v.optional(flag),
  disableVoipPush: v.optional(flag),
  title: v.optional(optionText),
  description: v.optional(optionText),
  extension: v.optional(optionText),
  ignoreIOSBadge: v.optional(flag),
  androidOPPOChannelID: v.optional(optionText),
  androidInfo: v.optional(pushVendorInfo),
  apnsInfo: v.optional(pushVendorInfo),
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
