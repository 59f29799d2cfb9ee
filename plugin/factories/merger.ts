import type { FileDescriptor } from '../platform';
import { SENDABLE_MESSAGE_TYPES, TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { Message, type MessagePayload } from '../message';
import { MAX_BODY_BYTES } from '../../protocol/limits';
import { messageBodyBytes } from '../../protocol/messages';
import { utf8Bytes } from '../upload/tus-client';
import { describe, invalid, optionalString, own, requireObject } from '../../protocol/fields';
import { commonFields, type CommonMessageOptions, type FactoryContext } from './common';

export interface MergerMessageOptions extends CommonMessageOptions {
  payload: { messageList: Message[]; title?: string; abstractList?: string[]; compatibleText: string };
}

export interface ForwardMessageOptions extends CommonMessageOptions {
  /** The message to forward: one received, or one this user sent. */
  payload: Message;
}

/** A merged list too large for one message: uploaded by sendMessage, the message then carries its downloadKey. */
export interface PendingMerger {
  kind: 'merger';
  file: FileDescriptor;
}

/** What a merged message keeps of each message: what a UI needs to show it. */
function snapshot(message: Message): Record<string, unknown> {
  const {
    ID,
    type,
    payload,
    from,
    to,
    conversationType,
    time,
    sequence,
    nick,
    avatar,
    cloudCustomData,
    priority,
    status,
  } = message;
  return {
    ID,
    type,
    payload: clone(payload),
    from,
    to,
    conversationType,
    time,
    sequence,
    nick,
    avatar,
    cloudCustomData,
    priority,
    status,
  };
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function createMergerMessage(
  options: MergerMessageOptions,
  context: FactoryContext,
): { message: Message; upload?: PendingMerger } {
  const fields = requireObject(options, 'createMergerMessage options');
  const payload = requireObject(own(fields, 'payload'), 'payload');
  const list = own(payload, 'messageList');
  if (!Array.isArray(list) || list.length === 0)
    throw new ChatError(
      ErrorCode.MERGER_INVALID_MESSAGE,
      `payload.messageList must be a non-empty array of messages, got ${describe(list)}.`,
    );
  list.forEach((item, i) => {
    if (!(item instanceof Message))
      throw new ChatError(
        ErrorCode.MERGER_INVALID_MESSAGE,
        `payload.messageList[${i}] is not a message made by this SDK.`,
      );
    if (item.status !== 'success')
      throw new ChatError(
        ErrorCode.MERGER_INVALID_MESSAGE,
        `payload.messageList[${i}] has status "${item.status}": only messages sent successfully can be merged.`,
      );
  });
  const compatibleText = own(payload, 'compatibleText');
  if (typeof compatibleText !== 'string' || compatibleText === '')
    throw invalid('payload.compatibleText is required: the text shown by clients that cannot show merged messages.');
  const abstractList = own(payload, 'abstractList') ?? [];
  if (!Array.isArray(abstractList) || !abstractList.every((line) => typeof line === 'string'))
    throw invalid(`payload.abstractList must be an array of strings, got ${describe(abstractList)}.`);
  const messageList = (list as Message[]).map(snapshot);
  const merged: MessagePayload = {
    title: optionalString(payload, 'title', 'payload.title', ''),
    abstractList: [...abstractList],
    compatibleText,
    messageList,
    downloadKey: '',
    layersOverLimit: false,
  };
  const message = new Message({ ...commonFields(fields, context), type: TYPES.MSG_MERGER, payload: merged });
  if (messageBodyBytes(message) <= MAX_BODY_BYTES) return { message };
  const bytes = utf8Bytes(JSON.stringify(messageList));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return {
    message,
    upload: {
      kind: 'merger',
      file: {
        name: 'messages.json',
        size: bytes.byteLength,
        type: 'application/json',
        source: { kind: 'bytes', bytes: buffer },
      },
    },
  };
}

export function createForwardMessage(options: ForwardMessageOptions, context: FactoryContext): Message {
  const fields = requireObject(options, 'createForwardMessage options');
  const original = own(fields, 'payload');
  if (!(original instanceof Message) || original.status !== 'success') {
    throw new ChatError(
      ErrorCode.FORWARD_INVALID_MESSAGE,
      'payload must be a message that was received or sent successfully.',
    );
  }
  if (!SENDABLE_MESSAGE_TYPES.includes(original.type))
    throw new ChatError(ErrorCode.FORWARD_INVALID_ELEMENTS, `Messages of type ${original.type} cannot be forwarded.`);
  return new Message({ ...commonFields(fields, context), type: original.type, payload: clone(original.payload) });
}
