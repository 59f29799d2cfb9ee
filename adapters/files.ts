/**
 * Turns every picker's output into one FileDescriptor, so the core never sees platform shapes.
 * Plain object inspection only: the wx, uni and web adapters use this as it is and only
 * implement reading. Shapes (from the WeChat and uni-app docs):
 * - File / Blob (web, uni H5, Node 20), and an `<input type="file">` (its `files[0]`)
 * - wx.chooseImage `{ tempFilePaths, tempFiles: [{ path, size }] }`
 * - wx/uni.chooseMedia `{ type, tempFiles: [{ tempFilePath, size, duration, width, height, thumbTempFilePath }] }`
 * - wx/uni.chooseVideo `{ tempFilePath, duration, size, width, height }`, on uni H5 also `tempFile` (a File) and `name`
 * - wx.chooseMessageFile `{ tempFiles: [{ path, size, name, type, time }] }`; uni.chooseFile `{ tempFilePaths, tempFiles: [File | { path, size, name }] }`
 * - RecorderManager.onStop `{ tempFilePath, duration (ms), fileSize }`
 */
import type { BlobLike, FileDescriptor } from '../plugin/platform';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isSize = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;

export function isBlobLike(value: unknown): value is BlobLike {
  return isObject(value) && isSize(value.size) && typeof value.type === 'string' && typeof value.slice === 'function';
}

function baseName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? '';
  return name || 'file';
}

function fromBlob(blob: BlobLike & Fields): FileDescriptor {
  const name = typeof blob.name === 'string' && blob.name !== '' ? blob.name : 'file';
  // The reference's web audio example sets `file.duration` in milliseconds.
  const durationMs = positive(blob.duration);
  return {
    name,
    size: blob.size,
    type: blob.type,
    source: { kind: 'blob', blob },
    ...(durationMs ? { durationSeconds: durationMs / 1000 } : {}),
  };
}

function fromPath(path: string, size: number, fields: Fields, durationSeconds: number | undefined): FileDescriptor {
  const name = typeof fields.name === 'string' && fields.name !== '' ? fields.name : baseName(path);
  const file: FileDescriptor = { name, size, type: '', source: { kind: 'path', path } };
  if (durationSeconds) file.durationSeconds = durationSeconds;
  const width = positive(fields.width);
  const height = positive(fields.height);
  if (width && height) Object.assign(file, { width, height });
  const thumbPath = fields.thumbTempFilePath;
  if (typeof thumbPath === 'string' && thumbPath !== '')
    file.thumb = { name: baseName(thumbPath), size: -1, type: '', source: { kind: 'path', path: thumbPath } };
  return file;
}

/** chooseVideo's duration (seconds), width and height, onto a file read from a Blob. */
function withVideoFields(file: FileDescriptor, fields: Fields): FileDescriptor {
  const seconds = positive(fields.duration);
  if (seconds) file.durationSeconds = seconds;
  const width = positive(fields.width);
  const height = positive(fields.height);
  if (width && height) Object.assign(file, { width, height });
  if (typeof fields.name === 'string' && fields.name !== '' && file.name === 'file') file.name = fields.name;
  return file;
}

/** One picked file of a picker's `tempFiles` list. */
function fromTempFile(item: unknown): FileDescriptor | null {
  if (isBlobLike(item)) return fromBlob(item as BlobLike & Fields);
  if (!isObject(item)) return null;
  const path = typeof item.path === 'string' ? item.path : item.tempFilePath;
  if (typeof path !== 'string' || path === '' || !isSize(item.size)) return null;
  // chooseMedia gives seconds.
  return fromPath(path, item.size, item, positive(item.duration));
}

export function normalizeFile(input: unknown): FileDescriptor | null {
  if (isBlobLike(input)) return fromBlob(input as BlobLike & Fields);
  if (!isObject(input)) return null;
  const { files, tempFiles, tempFilePath } = input;
  // An <input type="file"> element, or anything with a FileList.
  if (isObject(files) && isSize(files.length))
    return files.length > 0 ? normalizeFile((files as unknown as ArrayLike<unknown>)[0]) : null;
  if (Array.isArray(tempFiles)) return tempFiles.length > 0 ? fromTempFile(tempFiles[0]) : null;
  // uni.chooseVideo on H5 also gives the File itself; its tempFilePath is a blob: URL no file API reads.
  if (isBlobLike(input.tempFile)) return withVideoFields(fromBlob(input.tempFile as BlobLike & Fields), input);
  if (typeof tempFilePath === 'string' && tempFilePath !== '') {
    // RecorderManager.onStop: fileSize and duration in milliseconds; chooseVideo: size and duration in seconds.
    if (isSize(input.fileSize)) {
      const ms = positive(input.duration);
      return fromPath(tempFilePath, input.fileSize, {}, ms ? ms / 1000 : undefined);
    }
    if (isSize(input.size)) return fromPath(tempFilePath, input.size, input, positive(input.duration));
  }
  return null;
}
