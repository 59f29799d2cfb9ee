/**
 * A small tus 1.0.0 client over the Platform request API: POST to create (Upload-Length,
 * Upload-Metadata), PATCH in 4 MB parts with Upload-Offset, HEAD to resume. Where the platform
 * has no PATCH (wx.request) it sends POST with `X-HTTP-Method-Override: PATCH`.
 * One instance is one file; keep it to resume: `run()` again continues from what the server has.
 */
import type { FileDescriptor, PlatformFiles, PlatformResponse } from '../platform';
import { ChatError } from '../../protocol/errors';
import { FILES_PATH, UPLOAD_CHUNK_BYTES, uploadFailedCode, type UploadKind } from '../../protocol/upload-rules';

const TUS = { 'Tus-Resumable': '1.0.0' };

export interface TusDeps {
  platform: PlatformFiles;
  /** The server's http(s) base address. */
  httpURL: string;
  /** A current upload token (the SDK caches it). */
  token(): Promise<string>;
  chunkBytes?: number;
}

/** base64 of a UTF-8 string without TextEncoder or btoa, which some mini-program runtimes lack. */
export function base64UTF8(text: string): string {
  const bytes = utf8Bytes(text);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out +=
      chars[(n >> 18) & 63] +
      chars[(n >> 12) & 63] +
      (i + 1 < bytes.length ? chars[(n >> 6) & 63] : '=') +
      (i + 2 < bytes.length ? chars[n & 63] : '=');
  }
  return out;
}

export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length)
      code = 0x10000 + ((code - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
    if (code < 0x80) out.push(code);
    else if (code < 0x800) out.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) out.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else out.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return new Uint8Array(out);
}

export class TusUpload {
  /** The upload's address once created; kept so a later `run()` resumes. */
  url = '';
  /** Body bytes this instance has sent in PATCHes, over all runs. */
  bytesSent = 0;

  constructor(
    private readonly deps: TusDeps,
    readonly file: FileDescriptor,
    readonly kind: UploadKind,
  ) {}

  /** Uploads what the server does not have yet; resolves with the file key. Progress is 0..1, never going back. */
  async run(onProgress: (fraction: number) => void = () => undefined): Promise<string> {
    const size = this.file.size;
    let highest = -1;
    const report = (bytes: number) => {
      const fraction = size === 0 ? 1 : Math.min(1, bytes / size);
      if (fraction > highest) onProgress((highest = fraction));
    };
    let offset = this.url ? await this.resumeOffset() : -1;
    if (offset < 0) offset = await this.create();
    report(offset);
    const chunk = this.deps.chunkBytes ?? UPLOAD_CHUNK_BYTES;
    while (offset < size) {
      const end = Math.min(size, offset + chunk);
      const body = await this.read(offset, end);
      const start = offset;
      const response = await this.send(
        this.deps.platform.canPatch ? 'PATCH' : 'POST',
        {
          ...(this.deps.platform.canPatch ? {} : { 'X-HTTP-Method-Override': 'PATCH' }),
          'Upload-Offset': String(offset),
          'Content-Type': 'application/offset+octet-stream',
        },
        body,
        (sent) => report(start + sent),
      );
      this.bytesSent += body.byteLength;
      if (response.status === 409) {
        offset = await this.resumeOffset();
        if (offset < 0) throw this.failure(response);
        continue;
      }
      if (response.status !== 204) throw this.failure(response);
      offset = Number(response.headers['upload-offset']);
      if (!Number.isSafeInteger(offset) || offset <= start)
        throw this.failure(response, 'the server did not take the part');
      report(offset);
    }
    return this.url.slice(this.url.lastIndexOf('/') + 1);
  }

  private async create(): Promise<number> {
    const metadata = [
      ['filename', this.file.name],
      ['filetype', this.file.type],
      ['kind', this.kind],
    ]
      .map(([k, v]) => `${k} ${base64UTF8(v)}`)
      .join(',');
    const response = await this.send('POST', { 'Upload-Length': String(this.file.size), 'Upload-Metadata': metadata });
    const location = response.headers.location;
    if (response.status !== 201 || !location) throw this.failure(response);
    this.url = /^https?:\/\//i.test(location)
      ? location
      : `${this.deps.httpURL}${location.startsWith('/') ? '' : `${FILES_PATH}/`}${location}`;
    return 0;
  }

  /** What the server has of this upload; -1 when it no longer knows it (start again). */
  private async resumeOffset(): Promise<number> {
    const response = await this.send('HEAD', {});
    if (response.status === 404 || response.status === 410) {
      this.url = '';
      return -1;
    }
    const offset = Number(response.headers['upload-offset']);
    if (response.status !== 200 || !Number.isSafeInteger(offset)) throw this.failure(response);
    return offset;
  }

  private async read(start: number, end: number): Promise<ArrayBuffer> {
    const { source } = this.file;
    if (source.kind === 'bytes') return source.bytes.slice(start, end);
    try {
      return await this.deps.platform.readFile(this.file, start, end);
    } catch (error) {
      throw new ChatError(
        uploadFailedCode(this.kind),
        `Could not read ${this.file.name} (bytes ${start}–${end}): ${String(error)}`,
        { cause: error },
      );
    }
  }

  private async send(
    method: 'POST' | 'PATCH' | 'HEAD',
    headers: Record<string, string>,
    body?: ArrayBuffer,
    onUploadProgress?: (sent: number) => void,
  ): Promise<PlatformResponse> {
    const token = await this.deps.token();
    const url =
      method === 'POST' && !headers['X-HTTP-Method-Override'] ? `${this.deps.httpURL}${FILES_PATH}` : this.url;
    try {
      return await this.deps.platform.request({
        method,
        url,
        headers: { ...TUS, ...headers, Authorization: `Tidings ${token}` },
        body,
        onUploadProgress,
      });
    } catch (error) {
      throw new ChatError(
        uploadFailedCode(this.kind),
        `The upload of ${this.file.name} was cut off (${String(error)}); send the message again to resume where it stopped.`,
        { cause: error, data: { cutOff: true } },
      );
    }
  }

  /** The server's `{ code, msg }` when it gave one, else the kind's upload-failed code. */
  private failure(response: PlatformResponse, why = `HTTP ${response.status}`): ChatError {
    try {
      const body = JSON.parse(response.body) as { code?: unknown; msg?: unknown };
      if (typeof body.code === 'number' && typeof body.msg === 'string') return new ChatError(body.code, body.msg);
    } catch {
      // no JSON body: fall through
    }
    return new ChatError(uploadFailedCode(this.kind), `The upload of ${this.file.name} failed: ${why}.`);
  }
}
