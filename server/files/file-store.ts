import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FILE_KEY_PATTERN, type UploadKind } from '../../protocol/upload-rules';

/** What the server knows about a stored file. Plain data, kept beside the bytes. */
export interface FileMeta {
  key: string;
  app: number;
  /** The user who uploaded it. */
  owner: string;
  kind: UploadKind;
  name: string;
  mime: string;
  size: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  width?: number;
  height?: number;
  /** For originals of images: the large (1) and thumbnail (2) renditions, stored under their own keys. */
  renditions?: Array<{ key: string; type: 1 | 2; width: number; height: number; size: number }>;
}

/**
 * Finished files, by key. The disk implementation below is the default; `S3FileStore`
 * (s3-file-store.ts) keeps them in an S3-compatible bucket, for nodes that share it.
 */
export interface FileStore {
  /** Keeps the bytes and `meta` with them: a local file is taken over (moved, not copied), a stream read to its end. */
  put(source: string | Readable, meta: FileMeta): Promise<void>;
  /** The meta of a finished file; null for an unknown or malformed key. */
  head(key: string): Promise<FileMeta | null>;
  /** Bytes `start`..`end` inclusive. */
  read(key: string, start: number, end: number): Readable;
  remove(key: string): Promise<void>;
}

/** Files on disk: `<dir>/<key>` and `<dir>/<key>.json`. Keys are checked, so no name can leave `dir`. */
export class DiskFileStore implements FileStore {
  constructor(private readonly dir: string) {}

  async init(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
  }

  private path(key: string): string {
    if (!FILE_KEY_PATTERN.test(key)) throw new Error(`not a file key: ${key.slice(0, 80)}`);
    return join(this.dir, key);
  }

  async put(source: string | Readable, meta: FileMeta): Promise<void> {
    const path = this.path(meta.key);
    if (typeof source === 'string') await fs.rename(source, path);
    else {
      await pipeline(source, createWriteStream(`${path}.tmp`));
      await fs.rename(`${path}.tmp`, path);
    }
    const metaPath = `${path}.json`;
    await fs.writeFile(`${metaPath}.tmp`, JSON.stringify(meta));
    await fs.rename(`${metaPath}.tmp`, metaPath);
  }

  async head(key: string): Promise<FileMeta | null> {
    if (!FILE_KEY_PATTERN.test(key)) return null;
    try {
      return JSON.parse(await fs.readFile(`${this.path(key)}.json`, 'utf8')) as FileMeta;
    } catch {
      return null;
    }
  }

  read(key: string, start: number, end: number): Readable {
    return createReadStream(this.path(key), { start, end });
  }

  async remove(key: string): Promise<void> {
    const path = this.path(key);
    await fs.rm(`${path}.json`, { force: true });
    await fs.rm(path, { force: true });
  }
}
