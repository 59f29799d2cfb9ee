import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { PART_BYTES, deleteKeys, deletePrefix, getStream, type S3Bucket } from './s3-bucket';
import { UPLOAD_KEY, type UploadBytes } from './upload-state';

/**
 * The bytes of uploads under way as objects `<prefix><key>/<offset>-<random>`, one per PATCH
 * (more for a PATCH over 8 MiB), so any node can write the next one. A piece counts once the
 * upload's state lists it: a node that died mid-PATCH leaves pieces nothing lists, and the
 * random part of the name keeps a late write of such a node from overwriting a live piece.
 */
export class S3UploadBytes implements UploadBytes {
  constructor(
    private readonly bucket: S3Bucket,
    private readonly prefix = 'uploads/',
  ) {}

  private folder(key: string): string {
    if (!UPLOAD_KEY.test(key)) throw new Error(`not an upload key: ${key.slice(0, 80)}`);
    return `${this.prefix}${key}/`;
  }

  async append(
    key: string,
    offset: number,
    body: Readable,
    room: number,
  ): Promise<{ written: number; pieces: string[] } | null> {
    const folder = this.folder(key);
    const pieces: string[] = [];
    let held: Buffer[] = [];
    let heldBytes = 0;
    let written = 0;
    let overflow = false;
    const flush = async () => {
      if (heldBytes === 0) return;
      const name = `${folder}${String(offset + written - heldBytes).padStart(16, '0')}-${randomBytes(6).toString('hex')}`;
      const bytes = Buffer.concat(held);
      held = [];
      heldBytes = 0;
      await this.bucket.client.send(new PutObjectCommand({ Bucket: this.bucket.name, Key: name, Body: bytes }));
      pieces.push(name);
    };
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        // Past `room` the body is still read to its end, so the request can be answered (413).
        if (overflow) continue;
        const keep = chunk.subarray(0, room - written);
        if (keep.length < chunk.length) overflow = true;
        held.push(keep);
        heldBytes += keep.length;
        written += keep.length;
        if (heldBytes >= PART_BYTES && !overflow) await flush();
      }
    } catch {
      // The connection was cut: what arrived before is kept, as tus asks.
    }
    if (overflow) {
      await deleteKeys(this.bucket, pieces);
      return null;
    }
    await flush();
    return { written, pieces };
  }

  async whole(key: string, pieces: readonly string[]): Promise<Readable> {
    const folder = this.folder(key);
    if (pieces.some((piece) => !piece.startsWith(folder))) throw new Error(`a piece outside ${folder}`);
    const bucket = this.bucket;
    return Readable.from(
      (async function* () {
        for (const piece of pieces) yield* (await getStream(bucket, piece)) as AsyncIterable<Buffer>;
      })(),
    );
  }

  async discard(key: string): Promise<void> {
    await deletePrefix(this.bucket, this.folder(key));
  }
}
