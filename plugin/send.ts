import type { ChatCore } from './chat-core';
import { TYPES } from '../protocol/constants';
import { effectsOf, type MessageEffects } from './conversations';
import { ChatError, ErrorCode } from '../protocol/errors';
import { Message } from './message';
import { checkBodySize } from '../protocol/messages';
import type { WireSendOptions } from '../protocol/send-options';
import { parseSendOptions } from '../protocol/schemas/send-options';
import type { SendMessageOptions } from './types';
import { absolutizePayload, type FileTransfers } from './upload/transfers';
import { requireObject } from '../protocol/fields';

/** What a send needs besides the socket: the uploads, and the server's HTTP address for file URLs. */
export interface SendFiles {
  transfers: FileTransfers;
  httpURL: string;
  onProgress?: (fraction: number) => void;
}

/** The send options on the wire, or the error the reference gives before anything is uploaded (2105, 2106, 80002, 90003). */
export function checkSendable(
  message: unknown,
  options: SendMessageOptions | undefined,
  transfers: FileTransfers,
): WireSendOptions {
  if (!(message instanceof Message))
    throw new ChatError(
      ErrorCode.MESSAGE_INSTANCE_REQUIRED,
      'sendMessage needs a message made by a create*Message call, such as chat.createTextMessage().',
    );
  // Checked as the server will check them, so a bad option fails before anything is uploaded.
  const wireOptions = options === undefined ? {} : parseSendOptions(requireObject(options, 'sendMessage options'));
  if (message.conversationType === TYPES.CONV_SYSTEM) {
    throw new ChatError(
      ErrorCode.INVALID_CONVERSATION_TYPE,
      'Messages cannot be sent to the system conversation (@TIM#SYSTEM).',
    );
  }
  // Counts a merged list that will be uploaded as empty.
  checkBodySize(transfers.sizedPayload(message));
  return wireOptions;
}

/** The rejection of a failed send: the reference's code, and the message in `data` so a UI can offer a resend. */
export function failedSend(error: unknown, message: Message): ChatError {
  if (error instanceof ChatError) return new ChatError(error.code, error.message, { cause: error, data: { message } });
  return new ChatError(ErrorCode.SEND_FAILED, 'The message could not be sent.', { cause: error, data: { message } });
}

/**
 * Uploads what `message` needs, then sends it, updating it in place (from, time, sequence, file
 * URLs; the outbox sets its status); answers what it may change in its conversation.
 */
export async function sendThrough(
  core: ChatCore,
  message: Message,
  options: SendMessageOptions | undefined,
  files: SendFiles,
): Promise<MessageEffects> {
  const connection = core.requireReady();
  const wireOptions = checkSendable(message, options, files.transfers);
  await files.transfers.prepare(message, files.onProgress);
  const request = { ...message.toDraft(), ...wireOptions };
  const stored = await connection.request('send', request);
  message.applyStored(stored, core.userID());
  message.payload = absolutizePayload(stored.payload, files.httpURL);
  files.transfers.forget(message.ID);
  return effectsOf({ ...stored, ...request, sequence: stored.sequence }, core.userID());
}
