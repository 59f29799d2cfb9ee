/**
 * `sendMessage`'s options: their shape on the wire and the one parser both sides run, so the SDK
 * refuses early with the code and message the server would answer.
 */
import { ChatError, ErrorCode } from './errors';
import { describe, invalid, isPlainObject, optionalBoolean, own, type Fields } from './fields';
import { MAX_SEND_OPTION_CHARS } from './limits';

type FieldKind = 'string' | 'boolean';
/** The fields an options object may have, and the type each must be. */
type FieldKinds = Readonly<Record<string, FieldKind>>;
type Checked<Kinds extends FieldKinds> = { [Key in keyof Kinds]?: Kinds[Key] extends 'string' ? string : boolean };

const OFFLINE_PUSH_FIELDS = {
  disablePush: 'boolean',
  disableVoipPush: 'boolean',
  title: 'string',
  description: 'string',
  extension: 'string',
  ignoreIOSBadge: 'boolean',
  androidOPPOChannelID: 'string',
} as const;
const MESSAGE_CONTROL_FIELDS = {
  excludedFromUnreadCount: 'boolean',
  excludedFromLastMessage: 'boolean',
  excludedFromContentModeration: 'boolean',
} as const;

export type WireOfflinePushInfo = Checked<typeof OFFLINE_PUSH_FIELDS>;
export type WireMessageControlInfo = Checked<typeof MESSAGE_CONTROL_FIELDS>;

/** `sendMessage`'s options as they travel with a `send`. */
export interface WireSendOptions {
  /** Only online recipients get it: not stored, not unread, not pushed offline. Not with messageControlInfo. */
  onlineUserOnly?: boolean;
  offlinePushInfo?: WireOfflinePushInfo;
  messageControlInfo?: WireMessageControlInfo;
}

function checkedObject<Kinds extends FieldKinds>(
  value: unknown,
  name: string,
  kinds: Kinds,
): Checked<Kinds> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw invalid(`${name} must be an object, got ${describe(value)}.`);
  const checked: Fields = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (!Object.prototype.hasOwnProperty.call(kinds, key))
      throw invalid(`${name}.${key} is not a known option; use ${Object.keys(kinds).join(', ')}.`);
    if (field === undefined) continue;
    if (typeof field !== kinds[key]) throw invalid(`${name}.${key} must be a ${kinds[key]}, got ${describe(field)}.`);
    if (typeof field === 'string' && field.length > MAX_SEND_OPTION_CHARS)
      throw invalid(`${name}.${key} may be at most ${MAX_SEND_OPTION_CHARS} characters, got ${field.length}.`);
    checked[key] = field;
  }
  return checked as Checked<Kinds>;
}

/** The send options among `fields` (the SDK's options argument, or a whole `send` frame), checked; onlineUserOnly with messageControlInfo is refused, as the reference says. */
export function parseSendOptions(fields: Fields): WireSendOptions {
  const onlineUserOnly = optionalBoolean(fields, 'onlineUserOnly', 'onlineUserOnly', false);
  const offlinePushInfo = checkedObject(own(fields, 'offlinePushInfo'), 'offlinePushInfo', OFFLINE_PUSH_FIELDS);
  const messageControlInfo = checkedObject(
    own(fields, 'messageControlInfo'),
    'messageControlInfo',
    MESSAGE_CONTROL_FIELDS,
  );
  if (onlineUserOnly && messageControlInfo) {
    throw new ChatError(
      ErrorCode.SEND_OPTION_NOT_ALLOWED,
      'onlineUserOnly and messageControlInfo cannot be used together; drop one of them.',
    );
  }
  const options: WireSendOptions = {};
  if (onlineUserOnly) options.onlineUserOnly = true;
  if (offlinePushInfo) options.offlinePushInfo = offlinePushInfo;
  if (messageControlInfo) options.messageControlInfo = messageControlInfo;
  return options;
}
