import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { ErrorCode } from '../../protocol/errors';
import {
  FILES_PATH,
  UPLOAD_KINDS,
  checkUpload,
  mimeFor,
  uploadFailedCode,
  type UploadKind,
} from '../../protocol/upload-rules';
import { MAX_FILE_BYTES } from '../../protocol/limits';
import type { FileMeta, FileStore } from './file-store';
import { CORS_HEADERS, TUS_VERSION, byteCount, header, parseMetadata, sendError } from './http-util';
import { LARGE_MAX_PX, THUMBNAIL_MAX_PX, makeRendition, readImage } from './renditions';
import { verifyUploadToken } from './upload-token';

/** An upload under way, kept as `<staging>/<key>.json` beside `<key>.part` so it survives a restart. */
interface UploadState {
  key: string;
  app: number;
  owner: string;
  kind: UploadKind;
  name: string;
  mime: string;
  length: number;
  createdAt: number;
}

const STAGING_KEY = /^[0-9a-f]{32}$/;

/**
 * The tus 1.0.0 protocol (core, creation, termination) over a staging folder; a finished upload
 * moves into the FileStore under the same key. Every request needs an upload token; only the
 * user who created an upload may continue or remove it.
 */
export class TusUploads {
  /** Uploads with a PATCH in progress: a second one at the same time is refused (423), as tus asks. */
  private readonly busy = new Set<string>();

  constructor(
    private readonly stagingDir: string,
    private readonly store: FileStore,
    private readonly secretKeys: ReadonlyMap<number, string>,
    private readonly log: Logger,
  ) {}

  async init(): Promise<void> {
    await fs.mkdir(this.stagingDir, { recursive: true });
  }

  options(response: ServerResponse): void {
    response.writeHead(204, {
      ...CORS_HEADERS,
      'tus-resumable': TUS_VERSION,
      'tus-version': TUS_VERSION,
      'tus-extension': 'creation,termination',
      'tus-max-size': String(MAX_FILE_BYTES),
    });
    response.end();
  }

  async handle(request: IncomingMessage, response: ServerResponse, method: string, key: string | null): Promise<void> {
    if (method === 'OPTIONS') return this.options(response);
    const user = this.authenticate(request);
    if (!user)
      return sendError(
        response,
        401,
        ErrorCode.UPLOAD_UNAUTHORIZED,
        'Uploads need a valid upload token in the Authorization header (the SDK gets one with the uploadToken operation); this one is missing, forged or expired.',
      );
    if (header(request, 'tus-resumable') !== TUS_VERSION) {
      response.writeHead(412, { ...CORS_HEADERS, 'tus-version': TUS_VERSION }).end();
      return;
    }
    if (key === null) {
      if (method === 'POST') return this.create(request, response, user);
      return sendError(
        response,
        405,
        ErrorCode.INVALID_PARAMETER,
        `${method} is not allowed on ${FILES_PATH}; create uploads with POST.`,
      );
    }
    const state = STAGING_KEY.test(key) ? await this.readState(key) : null;
    if (!state || state.app !== user.app || state.owner !== user.userID) {
      return sendError(
        response,
        404,
        ErrorCode.FILE_NOT_FOUND,
        'No such upload (or it belongs to someone else). Start a new one with POST.',
      );
    }
    if (method === 'HEAD') return this.head(response, state);
    if (method === 'PATCH') return this.patch(request, response, state);
    if (method === 'DELETE') return this.terminate(response, state);
    return sendError(
      response,
      405,
      ErrorCode.INVALID_PARAMETER,
      `${method} is not allowed on an upload; use HEAD, PATCH or DELETE.`,
    );
  }

  private authenticate(request: IncomingMessage): { app: number; userID: string } | null {
    const match = /^Tidings (\S+)$/.exec(header(request, 'authorization') ?? '');
    return match ? verifyUploadToken(match[1], this.secretKeys, Math.floor(Date.now() / 1000)) : null;
  }

  private async create(
    request: IncomingMessage,
    response: ServerResponse,
    user: { app: number; userID: string },
  ): Promise<void> {
    const length = byteCount(header(request, 'upload-length'));
    if (length === null)
      return sendError(
        response,
        400,
        ErrorCode.INVALID_PARAMETER,
        'Upload-Length must be the file size in bytes (deferred lengths are not supported).',
      );
    const metadata = parseMetadata(header(request, 'upload-metadata'));
    if (!metadata)
      return sendError(
        response,
        400,
        ErrorCode.INVALID_PARAMETER,
        'Upload-Metadata is malformed: use "key base64,key base64".',
      );
    const kind = metadata.get('kind') ?? 'file';
    if (!(UPLOAD_KINDS as readonly string[]).includes(kind))
      return sendError(
        response,
        400,
        ErrorCode.INVALID_PARAMETER,
        `Upload-Metadata kind must be one of ${UPLOAD_KINDS.join(', ')}.`,
      );
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a stored file name must not hold
    const name = (metadata.get('filename') ?? '').replace(/[\u0000-\u001f\u007f/\\]/g, '_').slice(0, 255) || 'file';
    const mime = mimeFor(name, metadata.get('filetype') ?? '');
    const violation = checkUpload(kind as UploadKind, name, mime, length);
    if (violation) return sendError(response, length > MAX_FILE_BYTES ? 413 : 415, violation.code, violation.message);
    const state: UploadState = {
      key: randomBytes(16).toString('hex'),
      app: user.app,
      owner: user.userID,
      kind: kind as UploadKind,
      name,
      mime,
      length,
      createdAt: Date.now(),
    };
    await fs.writeFile(this.partPath(state.key), '');
    await fs.writeFile(this.statePath(state.key), JSON.stringify(state));
    if (length === 0 && !(await this.finish(state, response))) return;
    response
      .writeHead(201, {
        ...CORS_HEADERS,
        'tus-resumable': TUS_VERSION,
        location: `${FILES_PATH}/${state.key}`,
        'upload-offset': '0',
      })
      .end();
  }

  private async head(response: ServerResponse, state: UploadState): Promise<void> {
    const offset = await this.offsetOf(state);
    response
      .writeHead(200, {
        ...CORS_HEADERS,
        'tus-resumable': TUS_VERSION,
        'upload-offset': String(offset),
        'upload-length': String(state.length),
        'cache-control': 'no-store',
      })
      .end();
  }

  private async patch(request: IncomingMessage, response: ServerResponse, state: UploadState): Promise<void> {
    if (header(request, 'content-type') !== 'application/offset+octet-stream') {
      return sendError(
        response,
        415,
        ErrorCode.INVALID_PARAMETER,
        'A PATCH body must have Content-Type application/offset+octet-stream.',
      );
    }
    if (this.busy.has(state.key))
      return sendError(
        response,
        423,
        ErrorCode.UPLOAD_OFFSET_MISMATCH,
        'Another PATCH of this upload is in progress; wait for it, then HEAD for the offset.',
      );
    this.busy.add(state.key);
    try {
      const offset = await this.offsetOf(state);
      if (byteCount(header(request, 'upload-offset')) !== offset) {
        return sendError(
          response,
          409,
          ErrorCode.UPLOAD_OFFSET_MISMATCH,
          `Upload-Offset must be ${offset}, the bytes the server has; HEAD the upload to resume from there.`,
        );
      }
      if (offset === state.length) {
        request.resume();
        response
          .writeHead(204, { ...CORS_HEADERS, 'tus-resumable': TUS_VERSION, 'upload-offset': String(offset) })
          .end();
        return;
      }
      const tooLong = () =>
        sendError(
          response,
          413,
          ErrorCode.INVALID_PARAMETER,
          `The body goes past Upload-Length (${state.length}); none of it was kept. Send at most ${state.length - offset} bytes from offset ${offset}.`,
        );
      const declared = byteCount(header(request, 'content-length'));
      if (declared !== null && declared > state.length - offset) {
        request.resume();
        return tooLong();
      }
      const written = await this.append(request, state, offset);
      if (written === null) {
        // A body that overflows is refused whole: the bytes it had appended go, so the upload stays resumable at `offset`.
        await fs.truncate(this.partPath(state.key), offset);
        return tooLong();
      }
      if (offset + written === state.length && !(await this.finish(state, response))) return;
      response
        .writeHead(204, { ...CORS_HEADERS, 'tus-resumable': TUS_VERSION, 'upload-offset': String(offset + written) })
        .end();
    } finally {
      this.busy.delete(state.key);
    }
  }

  /** Appends the body; bytes that arrived before a cut connection stay, so the client resumes after them. Null if the body was too long. */
  private append(request: IncomingMessage, state: UploadState, offset: number): Promise<number | null> {
    const room = state.length - offset;
    return new Promise((resolve) => {
      const out = createWriteStream(this.partPath(state.key), { flags: 'a' });
      let written = 0;
      let overflow = false;
      request.on('data', (chunk: Buffer) => {
        if (overflow) return;
        const keep = chunk.subarray(0, room - written);
        if (keep.length < chunk.length) overflow = true;
        written += keep.length;
        if (keep.length > 0 && !out.write(keep)) {
          request.pause();
          out.once('drain', () => request.resume());
        }
      });
      const done = () => out.end(() => resolve(overflow ? null : written));
      request.once('end', done);
      request.once('aborted', done);
      request.once('error', done);
    });
  }

  /** Moves the finished bytes into the store; images get their real size checked and two renditions. */
  private async finish(state: UploadState, response?: ServerResponse): Promise<boolean> {
    const part = this.partPath(state.key);
    const meta: FileMeta = {
      key: state.key,
      app: state.app,
      owner: state.owner,
      kind: state.kind,
      name: state.name,
      mime: state.mime,
      size: state.length,
      createdAt: state.createdAt,
    };
    try {
      if (state.kind === 'image') {
        const facts = await readImage(part);
        if (!facts) {
          await this.discard(state.key);
          if (response)
            sendError(
              response,
              415,
              ErrorCode.IMAGE_TYPE_NOT_ALLOWED,
              'The uploaded bytes are not an image the server can read (jpg, png, gif, bmp or webp). Choose another file.',
            );
          return false;
        }
        Object.assign(meta, facts, { renditions: [] });
        for (const [type, maxPx] of [
          [1, LARGE_MAX_PX],
          [2, THUMBNAIL_MAX_PX],
        ] as const) {
          const renditionKey = `${state.key}-${type}`;
          const target = join(this.stagingDir, `${renditionKey}.part`);
          const made = await makeRendition(part, target, maxPx);
          await this.store.put(target, {
            ...meta,
            key: renditionKey,
            size: made.size,
            width: made.width,
            height: made.height,
            renditions: undefined,
          });
          meta.renditions!.push({ key: renditionKey, type, ...made });
        }
      }
      await this.store.put(part, meta);
      await fs.rm(this.statePath(state.key), { force: true });
      return true;
    } catch (error) {
      this.log.error({ err: error, key: state.key }, 'could not finish an upload');
      await this.discard(state.key);
      if (response)
        sendError(
          response,
          500,
          uploadFailedCode(state.kind),
          'The server could not store the upload; upload the file again.',
        );
      return false;
    }
  }

  private async terminate(response: ServerResponse, state: UploadState): Promise<void> {
    await this.discard(state.key);
    response.writeHead(204, { ...CORS_HEADERS, 'tus-resumable': TUS_VERSION }).end();
  }

  private async discard(key: string): Promise<void> {
    await fs.rm(this.statePath(key), { force: true });
    await fs.rm(this.partPath(key), { force: true });
  }

  private async offsetOf(state: UploadState): Promise<number> {
    if (await this.store.head(state.key)) return state.length;
    try {
      return (await fs.stat(this.partPath(state.key))).size;
    } catch {
      return 0;
    }
  }

  private async readState(key: string): Promise<UploadState | null> {
    try {
      return JSON.parse(await fs.readFile(this.statePath(key), 'utf8')) as UploadState;
    } catch {
      const meta = await this.store.head(key);
      return meta
        ? {
            key,
            app: meta.app,
            owner: meta.owner,
            kind: meta.kind,
            name: meta.name,
            mime: meta.mime,
            length: meta.size,
            createdAt: meta.createdAt,
          }
        : null;
    }
  }

  private partPath(key: string): string {
    return join(this.stagingDir, `${key}.part`);
  }

  private statePath(key: string): string {
    return join(this.stagingDir, `${key}.json`);
  }
}
