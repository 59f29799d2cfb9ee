import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';

export interface S3Options {
  /** An S3-compatible server's URL (MinIO, Ceph, R2, s3rver); objects are then addressed path-style. Omit for AWS S3. */
  endpoint?: string;
  bucket: string;
  region: string;
  /** Default: the standard AWS chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** One bucket and the client that reaches it. */
export interface S3Bucket {
  client: S3Client;
  name: string;
}

export function openBucket(options: S3Options): S3Bucket {
  const client = new S3Client({
    region: options.region,
    credentials: options.credentials,
    ...(options.endpoint
      ? {
          endpoint: options.endpoint,
          forcePathStyle: true,
          // S3-compatible servers often lack the newer CRC checksums: send and check them only where S3 requires.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {}),
  });
  return { client, name: options.bucket };
}

/** Multipart parts but the last must be at least 5 MiB; larger parts mean fewer requests, each held in memory. */
export const PART_BYTES = 8 * 1024 * 1024;

export function isNotFound(error: unknown): boolean {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
}

/** The stream in buffers of `size` bytes (the last may be shorter; an empty stream gives one empty buffer). */
async function* inParts(source: Readable, size: number): AsyncGenerator<Buffer> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  let yielded = false;
  for await (const chunk of source as AsyncIterable<Buffer>) {
    let rest = chunk;
    while (heldBytes + rest.length >= size) {
      const take = size - heldBytes;
      yield Buffer.concat([...held, rest.subarray(0, take)]);
      yielded = true;
      rest = rest.subarray(take);
      held = [];
      heldBytes = 0;
    }
    if (rest.length > 0) {
      held.push(rest);
      heldBytes += rest.length;
    }
  }
  if (heldBytes > 0 || !yielded) yield Buffer.concat(held);
}

/** Writes the stream as one object: one PutObject when it fits in a part, else a multipart upload (aborted on failure). */
export async function putStream(bucket: S3Bucket, key: string, source: Readable, contentType?: string): Promise<void> {
  const parts = inParts(source, PART_BYTES);
  const first = await parts.next();
  const firstPart = first.done ? Buffer.alloc(0) : first.value;
  const second = await parts.next();
  if (second.done) {
    await bucket.client.send(
      new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: firstPart, ContentType: contentType }),
    );
    return;
  }
  const { UploadId } = await bucket.client.send(
    new CreateMultipartUploadCommand({ Bucket: bucket.name, Key: key, ContentType: contentType }),
  );
  try {
    const done: Array<{ ETag: string | undefined; PartNumber: number }> = [];
    const send = async (body: Buffer) => {
      const PartNumber = done.length + 1;
      const { ETag } = await bucket.client.send(
        new UploadPartCommand({ Bucket: bucket.name, Key: key, UploadId, PartNumber, Body: body }),
      );
      done.push({ ETag, PartNumber });
    };
    await send(firstPart);
    await send(second.value);
    for await (const part of parts) await send(part);
    await bucket.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket.name,
        Key: key,
        UploadId,
        MultipartUpload: { Parts: done },
      }),
    );
  } catch (error) {
    await bucket.client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket.name, Key: key, UploadId }))
      .catch(() => undefined);
    throw error;
  }
}

/** The object's bytes (a range of them when `range` is given), as a stream. */
export async function getStream(
  bucket: S3Bucket,
  key: string,
  range?: { start: number; end: number },
): Promise<Readable> {
  const { Body } = await bucket.client.send(
    new GetObjectCommand({
      Bucket: bucket.name,
      Key: key,
      Range: range ? `bytes=${range.start}-${range.end}` : undefined,
    }),
  );
  if (!(Body instanceof Readable)) throw new Error(`no body for ${key}`);
  return Body;
}

/** Deletes these objects (missing ones are no error). */
export async function deleteKeys(bucket: S3Bucket, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    await bucket.client.send(
      new DeleteObjectsCommand({
        Bucket: bucket.name,
        Delete: { Objects: keys.slice(i, i + 1000).map((Key) => ({ Key })), Quiet: true },
      }),
    );
  }
}

/** Deletes every object whose key starts with `prefix`. */
export async function deletePrefix(bucket: S3Bucket, prefix: string): Promise<void> {
  let ContinuationToken: string | undefined;
  do {
    const listed = await bucket.client.send(
      new ListObjectsV2Command({ Bucket: bucket.name, Prefix: prefix, ContinuationToken }),
    );
    await deleteKeys(
      bucket,
      (listed.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])),
    );
    ContinuationToken = listed.IsTruncated ? listed.NextContinuationToken : undefined;
  } while (ContinuationToken);
}
