import { PRIORITIES, TYPES, type ConversationType, type MessagePriority } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import type { FileDescriptor } from '../platform';
import { Message } from '../message';
import { MAX_RECEIVERS, USER_ID_PATTERN } from '../../protocol/limits';
import { describe, invalid, oneOf, optionalBoolean, optionalString, own, requireNonEmptyString, requireObject, type Fields } from '../../protocol/fields';

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
const SENDABLE_CONVERSATION_TYPES = [TYPES.CONV_C2C, TYPES.CONV_GROUP] as const;

export function createTextMessage(options: TextMessageOptions, context: FactoryContext): Message {
  const fields = requireObject(options, 'createTextMessage options');
  const payload = requireObject(own(fields, 'payload'), 'payload');
  const text = own(payload, 'text');
  if (typeof text !== 'string') throw invalid(`payload.text must be a string, got ${describe(text)}.`);
  return new Message({
    ...commonFields(fields, context),
    type: TYPES.MSG_TEXT,
    payload: { text },
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
  const text = own(payload, 'text');
  if (typeof text !== 'string') throw invalid(`payload.text must be a string, got ${describe(text)}.`);
  const atUserList = own(payload, 'atUserList');
  if (!Array.isArray(atUserList) || atUserList.length === 0 || !atUserList.every((item) => typeof item === 'string' && (item === TYPES.MSG_AT_ALL || USER_ID_PATTERN.test(item)))) {
    throw invalid(`payload.atUserList must be a non-empty array of userIDs or TYPES.MSG_AT_ALL, got ${describe(atUserList)}.`);
  }
  const common = commonFields(fields, context);
  if (common.conversationType !== TYPES.CONV_GROUP) throw invalid('createTextAtMessage is for group conversations only: use conversationType TYPES.CONV_GROUP.');
  const message = new Message({ ...common, type: TYPES.MSG_TEXT, payload: { text, atUserList: [...atUserList] as string[] } });
  message.atUserList = [...atUserList] as string[];
  return message;
}

/** The fields every `create*Message` shares, checked. */
export function commonFields(fields: Fields, context: FactoryContext) {
  const conversationType = requireConversationType(own(fields, 'conversationType'));
  const to = requireNonEmptyString(fields, 'to', 'to');
  if (conversationType === TYPES.CONV_C2C && !USER_ID_PATTERN.test(to)) {
    throw invalid(`to must be a userID (letters, digits, _ and -, at most 32), got ${describe(to)}.`);
  }
  const priority = own(fields, 'priority') === undefined ? TYPES.MSG_PRIORITY_NORMAL : oneOf(own(fields, 'priority'), PRIORITIES, 'priority');
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
    receiverList: optionalReceiverList(own(fields, 'receiverList')),
  };
}

function requireConversationType(value: unknown): ConversationType {
  if (value === TYPES.CONV_SYSTEM) {
    throw new ChatError(ErrorCode.INVALID_CONVERSATION_TYPE, 'Messages cannot be sent to the system conversation (@TIM#SYSTEM).');
  }
  return oneOf(value, SENDABLE_CONVERSATION_TYPES, 'conversationType');
}

function optionalReceiverList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && item !== '')) {
    throw invalid(`receiverList must be an array of userIDs, got ${describe(value)}.`);
  }
  if (value.length > MAX_RECEIVERS) throw invalid(`receiverList may name at most ${MAX_RECEIVERS} receivers, got ${value.length}.`);
  return [...value] as string[];
}
