import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
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
import type { FileStore } from './file-store';
import { CORS_HEADERS, TUS_VERSION, byteCount, header, parseMetadata, sendError } from './http-util';
import { storeUpload } from './store-upload';
import { UPLOAD_KEY, type UploadBytes, type UploadInfo, type UploadRecord, type UploadStates } from './upload-state';
import { verifyUploadToken } from './upload-token';

/** How long a PATCH holds its upload before it must renew (it renews at a third of this while it runs). */
export const DEFAULT_LEASE_MS = 15_000;

const HEAD_WAIT_MS = 2000;
const HEAD_POLL_MS = 25;
const MIN_RENEW_MS = 50;

export interface TusUploadsParts {
  states: UploadStates;
  bytes: UploadBytes;
  store: FileStore;
  /** A local folder for an image's bytes and renditions while they are made. */
  scratchDir: string;
  secretKeys: ReadonlyMap<number, string>;
  log: Logger;
  leaseMs?: number;
}

/** Why an upload could not be finished, as its answer. */
interface Refusal {
  status: number;
  code: number;
  msg: string;
}

/** An upload under way, or a finished one (its file in the store: every byte is there). */
interface FoundUpload {
  upload: UploadRecord;
  finished: boolean;
}

function offsetMismatch(response: ServerResponse, offset: number): void {
  sendError(
    response,
    409,
    ErrorCode.UPLOAD_OFFSET_MISMATCH,
    `Upload-Offset must be ${offset}, the bytes the server has; HEAD the upload to resume from there.`,
  );
}

/**
 * The tus 1.0.0 protocol (core, creation, termination) over an upload-state port and an
 * upload-bytes port (on disk for one node; PostgreSQL and a bucket for many); a finished upload
 * moves into the FileStore under the same key. Every request needs an upload token; only the
 * user who created an upload may continue or remove it.
 */
export class TusUploads {
  private readonly states: UploadStates;
  private readonly bytes: UploadBytes;
  private readonly store: FileStore;
  private readonly scratchDir: string;
  private readonly secretKeys: ReadonlyMap<number, string>;
  private readonly log: Logger;
  private readonly leaseMs: number;

  constructor(parts: TusUploadsParts) {
    this.states = parts.states;
    this.bytes = parts.bytes;
    this.store = parts.store;
    this.scratchDir = parts.scratchDir;
    this.secretKeys = parts.secretKeys;
    this.log = parts.log;
    this.leaseMs = parts.leaseMs ?? DEFAULT_LEASE_MS;
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
    const found = UPLOAD_KEY.test(key) ? await this.find(key) : null;
    if (!found || found.upload.app !== user.app || found.upload.owner !== user.userID) {
      return sendError(
        response,
        404,
        ErrorCode.FILE_NOT_FOUND,
        'No such upload (or it belongs to someone else). Start a new one with POST.',
      );
    }
    if (method === 'HEAD') return this.head(response, found.finished ? found.upload : await this.settled(found.upload));
    if (method === 'PATCH') return this.patch(request, response, found);
    if (method === 'DELETE') return this.terminate(response, found.upload.key);
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
    const upload: UploadInfo = {
      key: randomBytes(16).toString('hex'),
      app: user.app,
      owner: user.userID,
      kind: kind as UploadKind,
      name,
      mime,
      length,
      createdAt: Date.now(),
    };
    await this.states.create(upload);
    const refused = length === 0 ? await this.finish({ ...upload, offset: 0, pieces: [] }) : null;
    if (refused) return sendError(response, refused.status, refused.code, refused.msg);
    response
      .writeHead(201, {
        ...CORS_HEADERS,
        'tus-resumable': TUS_VERSION,
        location: `${FILES_PATH}/${upload.key}`,
        'upload-offset': '0',
      })
      .end();
  }

  /**
   * The upload once no PATCH runs on it, waiting a moment for one that does: a HEAD right after a
   * cut connection comes from a client about to resume, and the cut PATCH records its bytes within
   * milliseconds. A PATCH that goes on longer (or a dead node's lease) is not waited for.
   */
  private async settled(upload: UploadRecord): Promise<UploadRecord> {
    for (let waited = 0; waited < HEAD_WAIT_MS; waited += HEAD_POLL_MS) {
      const free = await this.states.lock(upload.key, this.leaseMs);
      if (free) {
        await this.states.unlock(upload.key, free.lease);
        return free.upload;
      }
      await delay(HEAD_POLL_MS);
    }
    return (await this.states.get(upload.key)) ?? upload;
  }

  private head(response: ServerResponse, upload: UploadRecord): void {
    response
      .writeHead(200, {
        ...CORS_HEADERS,
        'tus-resumable': TUS_VERSION,
        'upload-offset': String(upload.offset),
        'upload-length': String(upload.length),
        'cache-control': 'no-store',
      })
      .end();
  }

  private async patch(request: IncomingMessage, response: ServerResponse, found: FoundUpload): Promise<void> {
    if (header(request, 'content-type') !== 'application/offset+octet-stream') {
      return sendError(
        response,
        415,
        ErrorCode.INVALID_PARAMETER,
        'A PATCH body must have Content-Type application/offset+octet-stream.',
      );
    }
    if (found.finished) {
      request.resume();
      if (byteCount(header(request, 'upload-offset')) !== found.upload.length)
        return offsetMismatch(response, found.upload.length);
      response
        .writeHead(204, { ...CORS_HEADERS, 'tus-resumable': TUS_VERSION, 'upload-offset': String(found.upload.length) })
        .end();
      return;
    }
    const { key } = found.upload;
    const locked = await this.states.lock(key, this.leaseMs);
    if (!locked)
      return sendError(
        response,
        423,
        ErrorCode.UPLOAD_OFFSET_MISMATCH,
        'Another PATCH of this upload is in progress; wait for it, then HEAD for the offset.',
      );
    const { lease, upload } = locked;
    const renewal = setInterval(
      () => {
        this.states.renew(key, lease, this.leaseMs).catch((error: unknown) => {
          this.log.warn({ err: error, key }, 'could not renew an upload lease');
        });
      },
      Math.max(this.leaseMs / 3, MIN_RENEW_MS),
    );
    renewal.unref();
    let answer: () => void;
    try {
      answer = await this.write(request, response, upload, lease);
    } finally {
      clearInterval(renewal);
      await this.states.unlock(key, lease).catch((error: unknown) => {
        this.log.warn({ err: error, key }, 'could not release an upload lease; it runs out by itself');
      });
    }
    // Answered only once unlocked: a client's next PATCH, on any node, must not find this one's lease.
    answer();
  }

  /** The body of a PATCH that holds the upload's lease; answers how to answer, once the lease is let go. */
  private async write(
    request: IncomingMessage,
    response: ServerResponse,
    upload: UploadRecord,
    lease: string,
  ): Promise<() => void> {
    const { key, length, offset } = upload;
    if (byteCount(header(request, 'upload-offset')) !== offset) {
      request.resume();
      return () => offsetMismatch(response, offset);
    }
    const tooLong = () =>
      sendError(
        response,
        413,
        ErrorCode.INVALID_PARAMETER,
        `The body goes past Upload-Length (${length}); none of it was kept. Send at most ${length - offset} bytes from offset ${offset}.`,
      );
    const declared = byteCount(header(request, 'content-length'));
    if (declared !== null && declared > length - offset) {
      request.resume();
      return tooLong;
    }
    // A body that overflows is refused whole, so the upload stays resumable at `offset`.
    const appended = await this.bytes.append(key, offset, request, length - offset);
    if (appended === null) return tooLong;
    const reached = offset + appended.written;
    // The lease is checked before the bytes count: a node whose lease ran out (and was taken) keeps nothing.
    const stillHeld =
      reached === length
        ? await this.states.renew(key, lease, this.leaseMs)
        : await this.states.advance(key, lease, reached, appended.pieces);
    if (!stillHeld)
      return () =>
        sendError(
          response,
          409,
          ErrorCode.UPLOAD_OFFSET_MISMATCH,
          'This PATCH took too long and another one took the upload over; HEAD the upload for its offset.',
        );
    const refused =
      reached === length ? await this.finish({ ...upload, pieces: [...upload.pieces, ...appended.pieces] }) : null;
    if (refused) return () => sendError(response, refused.status, refused.code, refused.msg);
    return () =>
      response
        .writeHead(204, { ...CORS_HEADERS, 'tus-resumable': TUS_VERSION, 'upload-offset': String(reached) })
        .end();
  }

  /** Moves the finished bytes into the store. Null when done; else why not (the upload is then gone). */
  private async finish(upload: UploadRecord): Promise<Refusal | null> {
    try {
      const stored = await storeUpload(
        upload,
        await this.bytes.whole(upload.key, upload.pieces),
        this.store,
        this.scratchDir,
      );
      await this.discard(upload.key);
      return stored
        ? null
        : {
            status: 415,
            code: ErrorCode.IMAGE_TYPE_NOT_ALLOWED,
            msg: 'The uploaded bytes are not an image the server can read (jpg, png, gif, bmp or webp). Choose another file.',
          };
    } catch (error) {
      this.log.error({ err: error, key: upload.key }, 'could not finish an upload');
      await this.discard(upload.key);
      return {
        status: 500,
        code: uploadFailedCode(upload.kind),
        msg: 'The server could not store the upload; upload the file again.',
      };
    }
  }

  private async terminate(response: ServerResponse, key: string): Promise<void> {
    await this.discard(key);
    response.writeHead(204, { ...CORS_HEADERS, 'tus-resumable': TUS_VERSION }).end();
  }

  private async discard(key: string): Promise<void> {
    await this.states.remove(key);
    await this.bytes.discard(key);
  }

  private async find(key: string): Promise<FoundUpload | null> {
    const upload = await this.states.get(key);
    if (upload) return { upload, finished: false };
    const meta = await this.store.head(key);
    if (!meta) return null;
    const { app, owner, kind, name, mime, size: length, createdAt } = meta;
    return {
      upload: { key, app, owner, kind, name, mime, length, createdAt, offset: length, pieces: [] },
      finished: true,
    };
  }
}
