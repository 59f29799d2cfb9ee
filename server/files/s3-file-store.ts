import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createReadStream, promises as fs } from 'node:fs';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { FILE_KEY_PATTERN } from '../../protocol/upload-rules';
import type { FileMeta, FileStore } from './file-store';
import { deleteKeys, getStream, isNotFound, putStream, type S3Bucket } from './s3-bucket';

/**
 * Files in an S3-compatible bucket: `<prefix><key>` and `<prefix><key>.json`, the meta written
 * last, so a file is there once its meta is. Keys are checked as on disk.
 */
export class S3FileStore implements FileStore {
  constructor(
    private readonly bucket: S3Bucket,
    private readonly prefix = 'files/',
  ) {}

  private object(key: string): string {
    if (!FILE_KEY_PATTERN.test(key)) throw new Error(`not a file key: ${key.slice(0, 80)}`);
    return `${this.prefix}${key}`;
  }

  async put(source: string | Readable, meta: FileMeta): Promise<void> {
    const object = this.object(meta.key);
    await putStream(this.bucket, object, typeof source === 'string' ? createReadStream(source) : source, meta.mime);
    await this.bucket.client.send(
      new PutObjectCommand({
        Bucket: this.bucket.name,
        Key: `${object}.json`,
        Body: JSON.stringify(meta),
        ContentType: 'application/json',
      }),
    );
    if (typeof source === 'string') await fs.rm(source, { force: true });
  }

  async head(key: string): Promise<FileMeta | null> {
    if (!FILE_KEY_PATTERN.test(key)) return null;
    try {
      const body = await getStream(this.bucket, `${this.object(key)}.json`);
      const chunks: Buffer[] = [];
      for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as FileMeta;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  read(key: string, start: number, end: number): Readable {
    const out = new PassThrough();
    getStream(this.bucket, this.object(key), { start, end }).then(
      (body) => pipeline(body, out, () => undefined),
      (error: Error) => out.destroy(error),
    );
    return out;
  }

  async remove(key: string): Promise<void> {
    const object = this.object(key);
    await deleteKeys(this.bucket, [`${object}.json`, object]);
  }
}
