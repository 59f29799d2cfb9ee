import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { ErrorCode } from '../../protocol/errors';
import type { FileMeta, FileStore } from './file-store';
import { CORS_HEADERS, header, sendError } from './http-util';

/** Kinds a browser may show in place; everything else is sent as an attachment, so no upload can run as a page. */
const INLINE_MIME = /^(image\/(jpeg|png|gif|bmp|webp)|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+)$/;

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` (one range); undefined when absent, null when unsatisfiable. */
export function parseRange(value: string | undefined, size: number): { start: number; end: number } | null | undefined {
  if (value === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return null;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || start > end || start >= size) return null;
  return { start, end };
}

function contentDisposition(meta: FileMeta): string {
  const disposition = INLINE_MIME.test(meta.mime) ? 'inline' : 'attachment';
  const ascii = meta.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(meta.name)}`;
}

/** GET / HEAD of a stored file by key, with Range for seeking. Unknown and malformed keys are a 404. */
export async function serveDownload(
  request: IncomingMessage,
  response: ServerResponse,
  store: FileStore,
  key: string,
  method: string,
): Promise<void> {
  const meta = await store.head(key);
  if (!meta) return sendError(response, 404, ErrorCode.FILE_NOT_FOUND, 'No file has this key.');
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    'content-type': meta.mime,
    'content-disposition': contentDisposition(meta),
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=31536000, immutable',
  };
  const range = parseRange(header(request, 'range'), meta.size);
  if (range === null) {
    response.writeHead(416, { ...headers, 'content-range': `bytes */${meta.size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: meta.size - 1 };
  const length = meta.size === 0 ? 0 : end - start + 1;
  if (range) headers['content-range'] = `bytes ${start}-${end}/${meta.size}`;
  response.writeHead(range ? 206 : 200, { ...headers, 'content-length': String(length) });
  if (method === 'HEAD' || length === 0) {
    response.end();
    return;
  }
  try {
    await pipeline(store.read(key, start, end), response);
  } catch {
    response.destroy();
  }
}
