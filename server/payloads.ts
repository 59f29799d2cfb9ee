import { TYPES, type MessageType } from '../protocol/constants';
import { ErrorCode } from '../protocol/errors';
import { describe, invalid, isPlainObject, type Fields } from '../protocol/fields';
import { customPayload, facePayload, locationPayload, textPayload } from '../protocol/message-rules';
import type { WireMessageDraft } from '../protocol/messages';
import { FILES_PATH, IMAGE_FORMAT, formatOf, type UploadKind } from '../protocol/upload-rules';
import type { FileMeta, FileStore } from './files/file-store';

/**
 * Per-type payload checks for `send`. `parsePayload` checks the shape (sync, from parseDraft; the
 * content types by the rules the SDK shares, protocol/message-rules.ts);
 * `resolveFilePayload` then fills in what only the server knows about uploaded files: URLs,
 * sizes, real image dimensions. A client's own claims about those are never kept.
 */

function str(payload: Fields, name: string, fallback?: string): string {
  const value = payload[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string') throw invalid(`payload.${name} must be a string, got ${describe(value)}.`);
  return value;
}

function num(payload: Fields, name: string, min: number, max: number, fallback?: number): number {
  const value = payload[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalid(`payload.${name} must be a number from ${min} to ${max}, got ${describe(value)}.`);
  }
  return value;
}

const MESSAGE_TYPES: readonly string[] = [
  TYPES.MSG_TEXT,
  TYPES.MSG_IMAGE,
  TYPES.MSG_AUDIO,
  TYPES.MSG_VIDEO,
  TYPES.MSG_FILE,
  TYPES.MSG_CUSTOM,
  TYPES.MSG_FACE,
  TYPES.MSG_LOCATION,
  TYPES.MSG_MERGER,
];

function parseMerged(list: unknown): Fields[] {
  if (!Array.isArray(list))
    throw invalid('payload.messageList must be an array of messages.', ErrorCode.MERGER_INVALID_MESSAGE);
  return list.map((item, i) => {
    if (
      !isPlainObject(item) ||
      typeof item.type !== 'string' ||
      !MESSAGE_TYPES.includes(item.type) ||
      !isPlainObject(item.payload)
    ) {
      throw invalid(
        `payload.messageList[${i}] is not a message (it needs a type and a payload).`,
        ErrorCode.MERGER_INVALID_MESSAGE,
      );
    }
    if (item.status !== undefined && item.status !== 'success') {
      throw invalid(
        `payload.messageList[${i}] was not sent successfully (status ${describe(item.status)}); only sent messages can be merged.`,
        ErrorCode.MERGER_INVALID_MESSAGE,
      );
    }
    return item;
  });
}

/** The payload a `send` may carry for `type`, checked and cut down to its known fields. */
export function parsePayload(type: string, payload: Fields): { messageType: MessageType; payload: Fields } {
  switch (type) {
    case TYPES.MSG_TEXT:
      return { messageType: type, payload: textPayload(payload) };
    case TYPES.MSG_CUSTOM:
      return { messageType: type, payload: customPayload(payload) };
    case TYPES.MSG_FACE:
      return { messageType: type, payload: facePayload(payload) };
    case TYPES.MSG_LOCATION:
      return { messageType: type, payload: locationPayload(payload) };
    case TYPES.MSG_IMAGE:
    case TYPES.MSG_FILE:
      return { messageType: type, payload: { uuid: str(payload, 'uuid') } };
    case TYPES.MSG_AUDIO:
      return {
        messageType: type,
        payload: { uuid: str(payload, 'uuid'), second: Math.round(num(payload, 'second', 0, 86_400, 0)) },
      };
    case TYPES.MSG_VIDEO:
      return {
        messageType: type,
        payload: {
          videoUUID: str(payload, 'videoUUID'),
          videoSecond: Math.round(num(payload, 'videoSecond', 0, 86_400, 0)),
          thumbUUID: str(payload, 'thumbUUID', ''),
        },
      };
    case TYPES.MSG_MERGER: {
      const compatibleText = str(payload, 'compatibleText', '');
      if (compatibleText === '')
        throw invalid(
          'payload.compatibleText is required: the text shown by clients that cannot show merged messages.',
        );
      const abstractList = payload.abstractList ?? [];
      if (!Array.isArray(abstractList) || !abstractList.every((line) => typeof line === 'string'))
        throw invalid('payload.abstractList must be an array of strings.');
      const downloadKey = str(payload, 'downloadKey', '');
      const messageList = parseMerged(payload.messageList ?? []);
      if (downloadKey === '' && messageList.length === 0)
        throw invalid('payload.messageList is empty: merge at least one message.', ErrorCode.MERGER_INVALID_MESSAGE);
      if (downloadKey !== '' && messageList.length > 0)
        throw invalid(
          'A merger message has either messageList or downloadKey, not both.',
          ErrorCode.MERGER_INVALID_MESSAGE,
        );
      return {
        messageType: type,
        payload: {
          title: str(payload, 'title', ''),
          abstractList,
          compatibleText,
          messageList,
          downloadKey,
          layersOverLimit: false,
        },
      };
    }
    default:
      throw invalid(`Message type ${JSON.stringify(type.slice(0, 40))} is not supported by this server.`);
  }
}

const urlOf = (key: string) => `${FILES_PATH}/${key}`;

async function requireFile(
  files: FileStore,
  app: number,
  key: string,
  kinds: UploadKind[],
  field: string,
): Promise<FileMeta> {
  const meta = await files.head(key);
  if (!meta || meta.app !== app || !kinds.includes(meta.kind)) {
    const code = field === 'downloadKey' ? ErrorCode.MERGER_INVALID_DOWNLOAD_KEY : ErrorCode.FILE_NOT_FOUND;
    throw invalid(
      `payload.${field} does not name a finished ${kinds.join(' or ')} upload on this server; upload the file first.`,
      code,
    );
  }
  return meta;
}

/** Fills in the server's facts about the files a message refers to. */
export async function resolveFilePayload(
  draft: WireMessageDraft,
  app: number,
  files: FileStore,
): Promise<WireMessageDraft> {
  const p = draft.payload;
  switch (draft.type) {
    case TYPES.MSG_IMAGE: {
      const meta = await requireFile(files, app, p.uuid as string, ['image'], 'uuid');
      const original = {
        type: 0,
        url: urlOf(meta.key),
        width: meta.width ?? 0,
        height: meta.height ?? 0,
        size: meta.size,
      };
      const renditions = (meta.renditions ?? []).map((r) => ({
        type: r.type,
        url: urlOf(r.key),
        width: r.width,
        height: r.height,
        size: r.size,
      }));
      return {
        ...draft,
        payload: {
          uuid: meta.key,
          imageFormat: IMAGE_FORMAT[formatOf(meta.name, meta.mime)] ?? 255,
          imageInfoArray: [original, ...renditions],
        },
      };
    }
    case TYPES.MSG_AUDIO: {
      const meta = await requireFile(files, app, p.uuid as string, ['audio'], 'uuid');
      return {
        ...draft,
        payload: { uuid: meta.key, url: urlOf(meta.key), second: p.second, size: meta.size, downloadFlag: 2 },
      };
    }
    case TYPES.MSG_FILE: {
      const meta = await requireFile(files, app, p.uuid as string, ['file'], 'uuid');
      return {
        ...draft,
        payload: {
          uuid: meta.key,
          fileName: meta.name,
          fileSize: meta.size,
          fileUrl: urlOf(meta.key),
          downloadFlag: 2,
        },
      };
    }
    case TYPES.MSG_VIDEO: {
      const video = await requireFile(files, app, p.videoUUID as string, ['video'], 'videoUUID');
      const thumb = p.thumbUUID ? await requireFile(files, app, p.thumbUUID as string, ['image'], 'thumbUUID') : null;
      return {
        ...draft,
        payload: {
          videoUUID: video.key,
          videoUrl: urlOf(video.key),
          videoSecond: p.videoSecond,
          videoSize: video.size,
          videoFormat: formatOf(video.name, video.mime),
          thumbUUID: thumb?.key ?? '',
          thumbUrl: thumb ? urlOf(thumb.key) : '',
          thumbWidth: thumb?.width ?? 0,
          thumbHeight: thumb?.height ?? 0,
          thumbSize: thumb?.size ?? 0,
        },
      };
    }
    case TYPES.MSG_MERGER:
      if (p.downloadKey) await requireFile(files, app, p.downloadKey as string, ['merger'], 'downloadKey');
      return draft;
    default:
      return draft;
  }
}
