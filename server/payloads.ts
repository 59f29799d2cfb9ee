import { TYPES } from '../protocol/constants';
import { ErrorCode } from '../protocol/errors';
import { invalid } from '../protocol/fields';
import type { WireMessageDraft } from '../protocol/messages';
import { FILES_PATH, IMAGE_FORMAT, formatOf, type UploadKind } from '../protocol/upload-rules';
import type { FileMeta, FileStore } from './files/file-store';

/**
 * What only the server knows about the files a message refers to: URLs, sizes, real image
 * dimensions. A `send` has passed its schema (protocol/schemas/) before it gets here; a client's
 * own claims about its files are never kept.
 */

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
