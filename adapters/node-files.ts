import { promises as fs, statSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { normalizeFile } from './files';
import type { FileDescriptor, PlatformFiles, PlatformRequest, PlatformResponse } from '../plugin/platform';

/** Bodies go out in slices so progress is reported as the socket takes them, not only at the end. */
const WRITE_SLICE_BYTES = 256 * 1024;

/** Node.js requests and file reading: node:http(s) (fetch cannot report upload progress) and node:fs. */
export function createNodeFiles(): PlatformFiles {
  return { canPatch: true, request: nodeRequest, describeFile, readFile };
}

function describeFile(input: unknown): FileDescriptor | null {
  const file = normalizeFile(input);
  // Paths whose size the picker does not say (a video's thumbnail) are measured here.
  if (file?.thumb && file.thumb.size < 0 && file.thumb.source.kind === 'path') {
    try {
      file.thumb.size = statSync(file.thumb.source.path).size;
    } catch {
      delete file.thumb;
    }
  }
  return file;
}

async function readFile(file: FileDescriptor, start: number, end: number): Promise<ArrayBuffer> {
  const { source } = file;
  if (source.kind === 'blob') return source.blob.slice(start, end).arrayBuffer();
  if (source.kind === 'bytes') return source.bytes.slice(start, end);
  const handle = await fs.open(source.path, 'r');
  try {
    const buffer = Buffer.alloc(end - start);
    const { bytesRead } = await handle.read(buffer, 0, end - start, start);
    if (bytesRead !== end - start) throw new Error(`${source.path} is shorter than its stated size`);
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead);
  } finally {
    await handle.close();
  }
}

function nodeRequest(options: PlatformRequest): Promise<PlatformResponse> {
  const url = new URL(options.url);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? Buffer.from(options.body)
        : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      { method: options.method, headers: { ...options.headers, 'content-length': String(body?.length ?? 0) } },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(response.headers))
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    if (!body) return void request.end();
    let sent = 0;
    const writeNext = (): void => {
      while (sent < body.length) {
        const slice = body.subarray(sent, sent + WRITE_SLICE_BYTES);
        sent += slice.length;
        const reported = sent;
        const more = request.write(slice, () => options.onUploadProgress?.(reported));
        if (!more) return void request.once('drain', writeNext);
      }
      request.end();
    };
    writeNext();
  });
}
