import type { ChatCore } from './chat-core';
import { TYPES } from '../protocol/constants';
import { effectsOf, type MessageEffects } from './conversations';
import { ChatError, ErrorCode } from '../protocol/errors';
import { Message } from './message';
import { MAX_BODY_BYTES } from '../protocol/limits';
import { messageBodyBytes } from '../protocol/messages';
import type { WireSendOptions } from '../protocol/send-options';
import type { SendMessageOptions } from './types';
import { absolutizePayload, type FileTransfers } from './upload/transfers';
import { describe, invalid, isPlainObject, own, requireObject, type Fields } from './validate';

const PUSH_FIELDS = { disablePush: 'boolean', disableVoipPush: 'boolean', title: 'string', description: 'string', extension: 'string', ignoreIOSBadge: 'boolean', androidOPPOChannelID: 'string' } as const;
const CONTROL_FIELDS = { excludedFromUnreadCount: 'boolean', excludedFromLastMessage: 'boolean', excludedFromContentModeration: 'boolean' } as const;

function flags(value: unknown, name: string, spec: Record<string, 'string' | 'boolean'>): Fields | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw invalid(`${name} must be an object, got ${describe(value)}.`);
  const out: Fields = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (!Object.prototype.hasOwnProperty.call(spec, key)) throw invalid(`${name}.${key} is not a known option; use ${Object.keys(spec).join(', ')}.`);
    if (field === undefined) continue;
    if (typeof field !== spec[key]) throw invalid(`${name}.${key} must be a ${spec[key]}, got ${describe(field)}.`);
    out[key] = field;
  }
  return out;
}

/** `sendMessage`'s second argument, checked as the server will check it. */
export function parseSendOptions(options: SendMessageOptions | undefined): WireSendOptions {
  if (options === undefined) return {};
  const fields = requireObject(options, 'sendMessage options');
  const onlineUserOnly = own(fields, 'onlineUserOnly');
  if (onlineUserOnly !== undefined && typeof onlineUserOnly !== 'boolean') throw invalid(`onlineUserOnly must be true or false, got ${describe(onlineUserOnly)}.`);
  const offlinePushInfo = flags(own(fields, 'offlinePushInfo'), 'offlinePushInfo', PUSH_FIELDS);
  const messageControlInfo = flags(own(fields, 'messageControlInfo'), 'messageControlInfo', CONTROL_FIELDS);
  if (onlineUserOnly && messageControlInfo) {
    throw new ChatError(ErrorCode.SEND_OPTION_NOT_ALLOWED, 'onlineUserOnly and messageControlInfo cannot be used together; drop one of them.');
  }
  const wire: WireSendOptions = {};
  if (onlineUserOnly) wire.onlineUserOnly = true;
  if (offlinePushInfo) wire.offlinePushInfo = offlinePushInfo;
  if (messageControlInfo) wire.messageControlInfo = messageControlInfo;
  return wire;
}

/** What a send needs besides the socket: the uploads, and the server's HTTP address for file URLs. */
export interface SendFiles {
  transfers: FileTransfers;
  httpURL: string;
}

/** The send options on the wire, or the error the reference gives before anything is uploaded (2105, 2106, 80002, 90003). */
export function checkSendable(message: unknown, options: SendMessageOptions | undefined, transfers: FileTransfers): WireSendOptions {
  if (!(message instanceof Message)) throw new ChatError(ErrorCode.MESSAGE_INSTANCE_REQUIRED, 'sendMessage needs a message made by a create*Message call, such as chat.createTextMessage().');
  const wireOptions = parseSendOptions(options);
  if (message.conversationType === TYPES.CONV_SYSTEM) {
    throw new ChatError(ErrorCode.INVALID_CONVERSATION_TYPE, 'Messages cannot be sent to the system conversation (@TIM#SYSTEM).');
  }
  // Counts a merged list that will be uploaded as empty.
  const bytes = messageBodyBytes(transfers.sizedPayload(message));
  if (bytes > MAX_BODY_BYTES) {
    throw new ChatError(ErrorCode.MESSAGE_TOO_LARGE, `The message body is ${bytes} bytes; the limit is ${MAX_BODY_BYTES} bytes (12 KB). Shorten the text or cloudCustomData.`);
  }
  return wireOptions;
}

/** The rejection of a failed send: the reference's code, and the message in `data` so a UI can offer a resend. */
export function failedSend(error: unknown, message: Message): ChatError {
  if (error instanceof ChatError) return new ChatError(error.code, error.message, { cause: error, data: { message } });
  return new ChatError(ErrorCode.SEND_FAILED, 'The message could not be sent.', { cause: error, data: { message } });
}

/** Uploads what `message` needs, then sends it, updating it in place (status, from, time, sequence, file URLs); answers what it may change in its conversation. */
export async function sendThrough(core: ChatCore, message: Message, options: SendMessageOptions | undefined, files: SendFiles): Promise<MessageEffects> {
  const isMessage = message instanceof Message;
  try {
    const connection = core.requireReady();
    const wireOptions = checkSendable(message, options, files.transfers);
    message.status = 'unSend';
    await files.transfers.prepare(message);
    const request = { ...message.toDraft(), ...wireOptions };
    const stored = await connection.request('send', request);
    message.applyStored(stored, core.userID());
    message.payload = absolutizePayload(stored.payload, files.httpURL);
    files.transfers.forget(message.ID);
    return effectsOf({ ...stored, ...request, sequence: stored.sequence }, core.userID());
  } catch (error) {
    if (!isMessage) throw error;
    message.status = 'fail';
    throw failedSend(error, message);
  }
}
