import type { FileDescriptor } from '../platform';
import { TYPES } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { Message, type MessagePayload } from '../message';
import { IMAGE_FORMAT, checkUpload, formatOf, mimeFor, type UploadKind } from '../../protocol/upload-rules';
import { describe, invalid, own, requireObject } from '../../protocol/fields';
import { commonFields, type CommonMessageOptions, type FactoryContext } from './common';

export type FileMessageKind = 'image' | 'audio' | 'video' | 'file';

/** `payload.file`: a File or Blob, an `<input type="file">`, or a picker's / recorder's success result. */
export interface FileMessageOptions extends CommonMessageOptions {
  payload: { file: unknown };
  /** Upload progress, 0..1, from the transfer itself. */
  onProgress?: (progress: number) => void;
}

/** What `sendMessage` uploads before it sends a file message. */
export interface PendingFiles {
  kind: UploadKind;
  file: FileDescriptor;
  /** A video's thumbnail from the picker, uploaded as an image. */
  thumb?: FileDescriptor;
  onProgress?: (progress: number) => void;
}

const TYPE_OF: Record<FileMessageKind, Message['type']> = {
  image: TYPES.MSG_IMAGE,
  audio: TYPES.MSG_AUDIO,
  video: TYPES.MSG_VIDEO,
  file: TYPES.MSG_FILE,
};
const NAME_OF: Record<FileMessageKind, string> = {
  image: 'createImageMessage',
  audio: 'createAudioMessage',
  video: 'createVideoMessage',
  file: 'createFileMessage',
};

/** A picker's `fail` result (`{ errMsg: 'chooseImage:fail cancel' }`) passed as if it were its success result. */
function pickerFailure(value: unknown): string | null {
  const errMsg = typeof value === 'object' && value !== null ? (value as { errMsg?: unknown }).errMsg : undefined;
  return typeof errMsg === 'string' && /:fail/.test(errMsg) ? errMsg : null;
}

function noFile(kind: FileMessageKind, value: unknown): ChatError {
  const failure = pickerFailure(value);
  const hint = failure
    ? `payload.file is the picker's failure result (${JSON.stringify(failure.slice(0, 80))}${/cancel/.test(failure) ? ': the user cancelled' : ''}); create the message from its success result.`
    : `payload.file must be a File, a Blob, an <input type="file"> or a picker's success result; got ${describe(value)} that holds no file.`;
  if (kind === 'image') return new ChatError(ErrorCode.IMAGE_SELECT_FILE_FIRST, `Choose an image first: ${hint}`);
  if (kind === 'file') return new ChatError(ErrorCode.FILE_SELECT_FIRST, `Choose a file first: ${hint}`);
  return invalid(hint);
}

function initialPayload(kind: FileMessageKind, file: FileDescriptor): MessagePayload {
  const format = formatOf(file.name, file.type);
  const seconds = Math.round(file.durationSeconds ?? 0);
  switch (kind) {
    case 'image':
      return { uuid: '', imageFormat: IMAGE_FORMAT[format] ?? 255, imageInfoArray: [] };
    case 'audio':
      return { uuid: '', url: '', second: seconds, size: file.size, downloadFlag: 2 };
    case 'video':
      return {
        videoUUID: '',
        videoUrl: '',
        videoSecond: seconds,
        videoSize: file.size,
        videoFormat: format,
        thumbUUID: '',
        thumbUrl: '',
        thumbWidth: 0,
        thumbHeight: 0,
        thumbSize: file.thumb?.size ?? 0,
      };
    case 'file':
      return { uuid: '', fileName: file.name, fileSize: file.size, fileUrl: '', downloadFlag: 2 };
  }
}

/** createImageMessage / createAudioMessage / createVideoMessage / createFileMessage: size and type are checked now, before any byte is sent. */
export function createFileBasedMessage(
  kind: FileMessageKind,
  options: FileMessageOptions,
  context: FactoryContext,
): { message: Message; files: PendingFiles } {
  const fields = requireObject(options, `${NAME_OF[kind]} options`);
  const payload = requireObject(own(fields, 'payload'), 'payload');
  const input = own(payload, 'file');
  const file = context.describeFile(input);
  if (!file) throw noFile(kind, input);
  const onProgress = own(fields, 'onProgress');
  if (onProgress !== undefined && typeof onProgress !== 'function')
    throw invalid(`onProgress must be a function, got ${describe(onProgress)}.`);
  if (file.size === 0)
    throw kind === 'image' || kind === 'file'
      ? noFile(kind, input)
      : invalid('payload.file is empty (0 bytes): record or choose the file again.');
  file.type = mimeFor(file.name, file.type);
  const violation = checkUpload(kind, file.name, file.type, file.size);
  if (violation) throw new ChatError(violation.code, violation.message);
  const thumb =
    kind === 'video' &&
    file.thumb &&
    file.thumb.size > 0 &&
    !checkUpload('image', file.thumb.name, mimeFor(file.thumb.name), file.thumb.size)
      ? file.thumb
      : undefined;
  if (thumb) thumb.type = mimeFor(thumb.name, thumb.type);
  const message = new Message({
    ...commonFields(fields, context),
    type: TYPE_OF[kind],
    payload: initialPayload(kind, file),
  });
  const files: PendingFiles = { kind, file };
  if (thumb) files.thumb = thumb;
  if (onProgress) files.onProgress = onProgress as (progress: number) => void;
  return { message, files };
}
