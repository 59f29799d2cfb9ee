/**
 * What may be uploaded, shared by the SDK (checks before any byte is sent) and the server
 * (checks again on the tus `POST`, and on the bytes once they are in). Pure data and helpers.
 */
import { ErrorCode } from './errors';
import { MAX_FILE_BYTES } from './limits';
import { lookupTable } from './fields';

/** Bytes per tus `PATCH`: below wx.request's practical limits, few enough requests for 100 MB. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;
/** The HTTP path of uploads (tus) and downloads. */
export const FILES_PATH = '/files';
/** Unguessable file keys: 128 random bits as hex; renditions add `-1` (large) or `-2` (thumbnail). */
export const FILE_KEY_PATTERN = /^[0-9a-f]{32}(-[12])?$/;

export type UploadKind = 'image' | 'audio' | 'video' | 'file' | 'merger';
export const UPLOAD_KINDS: readonly UploadKind[] = ['image', 'audio', 'video', 'file', 'merger'];

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'webp'];
export const VIDEO_EXTENSIONS = ['mp4', 'mov', 'm4v', '3gp', 'webm'];

/** The reference's imageFormat numbers. */
export const IMAGE_FORMAT = lookupTable({
  jpg: 1,
  jpeg: 1,
  gif: 2,
  png: 3,
  bmp: 4,
  webp: 255,
});

const MIME_BY_EXTENSION = lookupTable({
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  webp: 'image/webp',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  m4v: 'video/x-m4v',
  '3gp': 'video/3gpp',
  webm: 'video/webm',
  aac: 'audio/aac',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  amr: 'audio/amr',
  ogg: 'audio/ogg',
  pdf: 'application/pdf',
  zip: 'application/zip',
  txt: 'text/plain',
  json: 'application/json',
  doc: 'application/msword',
});

const TOO_LARGE: Record<UploadKind, number> = {
  image: ErrorCode.IMAGE_TOO_LARGE,
  audio: ErrorCode.AUDIO_TOO_LARGE,
  video: ErrorCode.VIDEO_TOO_LARGE,
  file: ErrorCode.FILE_TOO_LARGE,
  merger: ErrorCode.FILE_TOO_LARGE,
};

const UPLOAD_FAILED: Record<UploadKind, number> = {
  image: ErrorCode.IMAGE_UPLOAD_FAILED,
  audio: ErrorCode.AUDIO_UPLOAD_FAILED,
  video: ErrorCode.VIDEO_UPLOAD_FAILED,
  file: ErrorCode.FILE_UPLOAD_FAILED,
  merger: ErrorCode.MERGER_DOWNLOAD_FAILED,
};

export function uploadFailedCode(kind: UploadKind): number {
  return UPLOAD_FAILED[kind];
}

/** `photo.JPG` → `jpg`; '' when there is none. */
export function extensionOf(name: string): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return match ? match[1].toLowerCase() : '';
}

export function mimeFor(name: string, given = ''): string {
  if (/^[a-z]+\/[a-z0-9.+-]+$/i.test(given)) return given.toLowerCase();
  return MIME_BY_EXTENSION[extensionOf(name)] ?? 'application/octet-stream';
}

/** The format a file's name or MIME type says it is: `png`, `mp4`, … or ''. */
export function formatOf(name: string, mime: string): string {
  const ext = extensionOf(name);
  if (ext) return ext;
  const fromMime = Object.keys(MIME_BY_EXTENSION).find((key) => MIME_BY_EXTENSION[key] === mime.toLowerCase());
  return fromMime ?? '';
}

export interface RuleViolation {
  code: number;
  message: string;
}

/** Size and type rules for one upload; null when it may go up. */
export function checkUpload(kind: UploadKind, name: string, mime: string, size: number): RuleViolation | null {
  if (!Number.isSafeInteger(size) || size < 0)
    return {
      code: ErrorCode.INVALID_PARAMETER,
      message: `The file size must be a whole number of bytes, got ${String(size)}.`,
    };
  if (size > MAX_FILE_BYTES) {
    return {
      code: TOO_LARGE[kind],
      message: `The file is ${size} bytes; the limit is ${MAX_FILE_BYTES} bytes (100 MB). Choose a smaller file.`,
    };
  }
  const format = formatOf(name, mime);
  if (kind === 'image' && !IMAGE_EXTENSIONS.includes(format)) {
    return {
      code: ErrorCode.IMAGE_TYPE_NOT_ALLOWED,
      message: `Images must be ${IMAGE_EXTENSIONS.join(', ')}; got ${format ? `.${format}` : 'a file of unknown type'}.`,
    };
  }
  if (kind === 'video' && !VIDEO_EXTENSIONS.includes(format)) {
    return {
      code: ErrorCode.VIDEO_TYPE_NOT_ALLOWED,
      message: `Videos must be ${VIDEO_EXTENSIONS.join(', ')}; got ${format ? `.${format}` : 'a file of unknown type'}.`,
    };
  }
  return null;
}
