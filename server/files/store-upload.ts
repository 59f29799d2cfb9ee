import { createWriteStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileMeta, FileStore } from './file-store';
import { LARGE_MAX_PX, THUMBNAIL_MAX_PX, makeRendition, readImage } from './renditions';
import type { UploadRecord } from './upload-state';

/**
 * Puts a finished upload's bytes (a local file, taken over, or a stream) into the store under its
 * key. An image gets its real size read and two renditions, stored under `<key>-1` and `<key>-2`;
 * false when its bytes are not an image (then nothing is stored). `scratchDir` holds an image's
 * files while they are made.
 */
export async function storeUpload(
  upload: UploadRecord,
  bytes: string | Readable,
  store: FileStore,
  scratchDir: string,
): Promise<boolean> {
  const meta: FileMeta = {
    key: upload.key,
    app: upload.app,
    owner: upload.owner,
    kind: upload.kind,
    name: upload.name,
    mime: upload.mime,
    size: upload.length,
    createdAt: upload.createdAt,
  };
  if (upload.kind !== 'image') {
    await store.put(bytes, meta);
    return true;
  }
  const scratch: string[] = [];
  try {
    let source: string;
    if (typeof bytes === 'string') source = bytes;
    else {
      // sharp reads an image from a file: the bytes of an upload held elsewhere come here for a moment.
      source = join(scratchDir, `${upload.key}.whole`);
      scratch.push(source);
      await pipeline(bytes, createWriteStream(source));
    }
    const facts = await readImage(source);
    if (!facts) return false;
    Object.assign(meta, facts, { renditions: [] });
    for (const [type, maxPx] of [
      [1, LARGE_MAX_PX],
      [2, THUMBNAIL_MAX_PX],
    ] as const) {
      const renditionKey = `${upload.key}-${type}`;
      const target = join(scratchDir, `${renditionKey}.part`);
      scratch.push(target);
      const made = await makeRendition(source, target, maxPx);
      await store.put(target, {
        ...meta,
        key: renditionKey,
        size: made.size,
        width: made.width,
        height: made.height,
        renditions: undefined,
      });
      meta.renditions!.push({ key: renditionKey, type, ...made });
    }
    await store.put(source, meta);
    return true;
  } finally {
    if (typeof bytes !== 'string') bytes.destroy();
    for (const path of scratch) await fs.rm(path, { force: true });
  }
}
