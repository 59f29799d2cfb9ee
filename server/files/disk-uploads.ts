import { randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UPLOAD_KEY, type UploadBytes, type UploadInfo, type UploadRecord, type UploadStates } from './upload-state';

/** `<dir>/<key>.json`, written whole each time (temp file, then rename), so a restart finds every upload. */
export class DiskUploadStates implements UploadStates {
  /** Leases live in this process only: one node has the folder, and a lease cannot outlive its process. */
  private readonly leases = new Map<string, { lease: string; until: number }>();

  constructor(private readonly dir: string) {}

  async init(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
  }

  private path(key: string): string {
    if (!UPLOAD_KEY.test(key)) throw new Error(`not an upload key: ${key.slice(0, 80)}`);
    return join(this.dir, `${key}.json`);
  }

  private async write(upload: UploadRecord): Promise<void> {
    const path = this.path(upload.key);
    await fs.writeFile(`${path}.tmp`, JSON.stringify(upload));
    await fs.rename(`${path}.tmp`, path);
  }

  async create(upload: UploadInfo): Promise<void> {
    await this.write({ ...upload, offset: 0, pieces: [] });
  }

  async get(key: string): Promise<UploadRecord | null> {
    if (!UPLOAD_KEY.test(key)) return null;
    try {
      const stored = JSON.parse(await fs.readFile(this.path(key), 'utf8')) as Partial<UploadRecord> & UploadInfo;
      return { ...stored, offset: stored.offset ?? 0, pieces: stored.pieces ?? [] };
    } catch {
      return null;
    }
  }

  private holder(key: string, lease: string): boolean {
    const held = this.leases.get(key);
    return held !== undefined && held.lease === lease;
  }

  async lock(key: string, leaseMs: number): Promise<{ lease: string; upload: UploadRecord } | null> {
    const held = this.leases.get(key);
    if (held && held.until > Date.now()) return null;
    const lease = randomUUID();
    this.leases.set(key, { lease, until: Date.now() + leaseMs });
    const upload = await this.get(key);
    if (!upload) {
      this.leases.delete(key);
      return null;
    }
    return { lease, upload };
  }

  async renew(key: string, lease: string, leaseMs: number): Promise<boolean> {
    if (!this.holder(key, lease)) return false;
    this.leases.set(key, { lease, until: Date.now() + leaseMs });
    return true;
  }

  async advance(key: string, lease: string, offset: number, pieces: readonly string[]): Promise<boolean> {
    const upload = this.holder(key, lease) ? await this.get(key) : null;
    if (!upload) return false;
    await this.write({ ...upload, offset, pieces: [...upload.pieces, ...pieces] });
    return true;
  }

  async unlock(key: string, lease: string): Promise<void> {
    if (this.holder(key, lease)) this.leases.delete(key);
  }

  async remove(key: string): Promise<void> {
    this.leases.delete(key);
    await fs.rm(this.path(key), { force: true });
  }
}

/** `<dir>/<key>.part`, one file appended to; its pieces are implicit (the file is the whole). */
export class DiskUploadBytes implements UploadBytes {
  constructor(private readonly dir: string) {}

  async init(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
  }

  private path(key: string): string {
    if (!UPLOAD_KEY.test(key)) throw new Error(`not an upload key: ${key.slice(0, 80)}`);
    return join(this.dir, `${key}.part`);
  }

  async append(
    key: string,
    offset: number,
    body: Readable,
    room: number,
  ): Promise<{ written: number; pieces: string[] } | null> {
    const path = this.path(key);
    // Bytes past `offset` are a PATCH that never recorded them (a crash between write and record).
    await fs.truncate(path, offset).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await fs.writeFile(path, '');
    });
    const written = await appendBody(path, body, room);
    if (written === null) {
      await fs.truncate(path, offset);
      return null;
    }
    return { written, pieces: [] };
  }

  async whole(key: string): Promise<string> {
    const path = this.path(key);
    await fs.appendFile(path, ''); // an upload of no bytes had no PATCH to make its file
    return path;
  }

  async discard(key: string): Promise<void> {
    await fs.rm(this.path(key), { force: true });
  }
}

/** Appends at most `room` bytes of `body` to the file; null once it held more. Ends when the body ends or is cut. */
function appendBody(path: string, body: Readable, room: number): Promise<number | null> {
  return new Promise((resolve) => {
    const out = createWriteStream(path, { flags: 'a' });
    let written = 0;
    let overflow = false;
    body.on('data', (chunk: Buffer) => {
      if (overflow) return;
      const keep = chunk.subarray(0, room - written);
      if (keep.length < chunk.length) overflow = true;
      written += keep.length;
      if (keep.length > 0 && !out.write(keep)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    });
    let ended = false;
    const done = () => {
      if (ended) return;
      ended = true;
      out.end(() => resolve(overflow ? null : written));
    };
    body.once('end', done);
    body.once('aborted', done);
    body.once('error', done);
  });
}
