import { TYPES, type ConversationType, type MessagePriority } from '../../protocol/constants';
import type { FileDescriptor } from '../platform';
import { Message } from '../message';
import { MAX_RECEIVERS } from '../../protocol/limits';
import { invalid, optionalBoolean, optionalString, own, requireObject, type Fields } from '../../protocol/fields';
import {
  optionalPriority,
  requireAtUserList,
  requireRecipient,
  requireSendableConversationType,
  requireUserIDs,
  textPayload,
  type SendableConversationType,
} from '../../protocol/message-rules';

/** What a factory needs from the chat instance that calls it. */
export interface FactoryContext {
  /** The logged-in user, or '' before login. */
  from: string;
  /** Seconds, server clock as far as the SDK knows it. */
  now(): number;
  newID(): string;
  /** The platform's reading of `payload.file` (see adapters/files.ts). */
  describeFile(input: unknown): FileDescriptor | null;
}

/** The options every `create*Message` takes besides its payload. */
export interface CommonMessageOptions {
  to: string;
  conversationType: ConversationType;
  priority?: MessagePriority;
  cloudCustomData?: string;
  needReadReceipt?: boolean;
  isSupportExtension?: boolean;
  /** Targeted group message: at most 50 group members. */
  receiverList?: string[];
}

export interface TextMessageOptions extends CommonMessageOptions {
  payload: { text: string };
}

export function createTextMessage(options: TextMessageOptions, context: FactoryContext): Message {
  const fields = requireObject(options, 'createTextMessage options');
  const payload = requireObject(own(fields, 'payload'), 'payload');
  return new Message({
    ...commonFields(fields, context),
    type: TYPES.MSG_TEXT,
    payload: textPayload(payload),
  });
}

export interface TextAtMessageOptions extends Omit<TextMessageOptions, 'payload'> {
  /** `atUserList`: the members to @, or TYPES.MSG_AT_ALL for everyone. */
  payload: { text: string; atUserList: string[] };
}

/** A group text message that @-mentions members (or everyone): payload `{ text, atUserList }`. */
export function createTextAtMessage(options: TextAtMessageOptions, context: FactoryContext): Message {
  const fields = requireObject(options, 'createTextAtMessage options');
  const payload = requireObject(own(fields, 'payload'), 'payload');
  const { text } = textPayload(payload);
  const atUserList = requireAtUserList(own(payload, 'atUserList'));
  const common = commonFields(fields, context);
  if (common.conversationType !== TYPES.CONV_GROUP)
    throw invalid('createTextAtMessage is for group conversations only: use conversationType TYPES.CONV_GROUP.');
  const message = new Message({ ...common, type: TYPES.MSG_TEXT, payload: { text, atUserList: [...atUserList] } });
  message.atUserList = atUserList;
  return message;
}

/**
 * C2C or GROUP; or the system conversation, which the reference lets a message be made for and
 * refuses only when it is sent (sendMessage rejects with 2106).
 */
function creatableConversationType(value: unknown): SendableConversationType | typeof TYPES.CONV_SYSTEM {
  return value === TYPES.CONV_SYSTEM ? TYPES.CONV_SYSTEM : requireSendableConversationType(value);
}

/** The fields every `create*Message` shares, checked. */
export function commonFields(fields: Fields, context: FactoryContext) {
  const conversationType = creatableConversationType(own(fields, 'conversationType'));
  const to =
    conversationType === TYPES.CONV_SYSTEM
      ? optionalString(fields, 'to', 'to', '')
      : requireRecipient(fields, conversationType);
  const priority = optionalPriority(fields);
  const receiverList = own(fields, 'receiverList');
  return {
    ID: context.newID(),
    conversationType,
    to,
    from: context.from,
    flow: 'out' as const,
    time: context.now(),
    status: 'unSend' as const,
    priority,
    cloudCustomData: optionalString(fields, 'cloudCustomData', 'cloudCustomData', ''),
    needReadReceipt: optionalBoolean(fields, 'needReadReceipt', 'needReadReceipt', false),
    isSupportExtension: optionalBoolean(fields, 'isSupportExtension', 'isSupportExtension', false),
    receiverList: receiverList === undefined ? undefined : requireUserIDs(receiverList, 'receiverList', MAX_RECEIVERS),
  };
}
