import { TYPES } from '../protocol/constants';
import { ChatError, ErrorCode } from '../protocol/errors';
import { MAX_MERGER_LAYERS } from '../protocol/limits';
import {
  createCustomMessage,
  createFaceMessage,
  createFileBasedMessage,
  createForwardMessage,
  createLocationMessage,
  createMergerMessage,
  createTextMessage,
  type CustomMessageOptions,
  type FaceMessageOptions,
  type FactoryContext,
  type FileMessageOptions,
  type ForwardMessageOptions,
  type LocationMessageOptions,
  type MergerMessageOptions,
  type TextMessageOptions,
} from './factories';
import { Message } from './message';
import type { ChatResponse } from './types';
import type { FileTransfers } from './upload/transfers';

/** The `create*Message` half of the chat API (and downloadMergerMessage); `Chat` supplies the context, the uploads and the readiness check. */
export abstract class MessageCreation {
  protected abstract readonly transfers: FileTransfers;
  protected abstract factoryContext(): FactoryContext;
  protected abstract requireReady(): unknown;

  createTextMessage(options: TextMessageOptions): Message {
    return createTextMessage(options, this.factoryContext());
  }

  createImageMessage(options: FileMessageOptions): Message {
    return this.withFiles(createFileBasedMessage('image', options, this.factoryContext()));
  }

  createAudioMessage(options: FileMessageOptions): Message {
    return this.withFiles(createFileBasedMessage('audio', options, this.factoryContext()));
  }

  createVideoMessage(options: FileMessageOptions): Message {
    return this.withFiles(createFileBasedMessage('video', options, this.factoryContext()));
  }

  createFileMessage(options: FileMessageOptions): Message {
    return this.withFiles(createFileBasedMessage('file', options, this.factoryContext()));
  }

  createCustomMessage(options: CustomMessageOptions): Message {
    return createCustomMessage(options, this.factoryContext());
  }

  createFaceMessage(options: FaceMessageOptions): Message {
    return createFaceMessage(options, this.factoryContext());
  }

  createLocationMessage(options: LocationMessageOptions): Message {
    return createLocationMessage(options, this.factoryContext());
  }

  /** A list too large for one message is uploaded when it is sent; receivers get a downloadKey. */
  createMergerMessage(options: MergerMessageOptions): Message {
    const { message, upload } = createMergerMessage(options, this.factoryContext());
    return upload ? this.withFiles({ message, files: upload }) : message;
  }

  /** Same content, new ID, from the current user. */
  createForwardMessage(options: ForwardMessageOptions): Message {
    return createForwardMessage(options, this.factoryContext());
  }

  /** Fills `payload.messageList` of a merger message whose list the server keeps (`downloadKey` set). */
  async downloadMergerMessage(message: Message): Promise<ChatResponse<Message>> {
    this.requireReady();
    if (!(message instanceof Message) || message.type !== TYPES.MSG_MERGER)
      throw new ChatError(
        ErrorCode.MERGER_INVALID_MESSAGE,
        'downloadMergerMessage needs a merger message (type TIMRelayElem).',
      );
    if (message.payload.layersOverLimit === true)
      throw new ChatError(
        ErrorCode.MERGER_INVALID_MESSAGE,
        `This merger message nests more than ${MAX_MERGER_LAYERS} layers of merged messages; its content was not kept.`,
      );
    const downloadKey = message.payload.downloadKey;
    if (typeof downloadKey === 'string' && downloadKey !== '')
      message.payload.messageList = await this.transfers.downloadMergerList(downloadKey);
    return { code: 0, data: message };
  }

  private withFiles({
    message,
    files,
  }: {
    message: Message;
    files: Parameters<FileTransfers['register']>[1];
  }): Message {
    this.transfers.register(message.ID, files);
    return message;
  }
}
