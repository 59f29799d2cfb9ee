import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DiskFileStore, type FileMeta, type FileStore } from '../../server/files/file-store';
import { PART_BYTES, openBucket } from '../../server/files/s3-bucket';
import { S3FileStore } from '../../server/files/s3-file-store';
import { tempFolder } from '../helpers/files';
import { startS3Server, type TestS3 } from '../helpers/s3-server';

/** One contract for every FileStore: the disk one and the S3 one (against s3rver). */
let folder: ReturnType<typeof tempFolder>;
let s3: TestS3;

beforeAll(async () => {
  folder = tempFolder();
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3.stop();
  folder.cleanup();
});

const implementations: Array<[string, () => Promise<FileStore>]> = [
  [
    'DiskFileStore',
    async () => {
      const store = new DiskFileStore(join(folder.dir, `disk-${Math.random().toString(16).slice(2)}`));
      await store.init();
      return store;
    },
  ],
  ['S3FileStore', async () => new S3FileStore(openBucket(s3), `files-${Math.random().toString(16).slice(2)}/`)],
];

let counter = 0;
function metaFor(size: number, key = (++counter).toString(16).padStart(32, 'a')): FileMeta {
  return {
    key,
    app: 1400000001,
    owner: 'alice',
    kind: 'file',
    name: 'notes – ü.txt',
    mime: 'text/plain',
    size,
    createdAt: 1700000000000,
  };
}

function patterned(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) bytes.writeUInt32LE(i, i);
  return bytes;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe.each(implementations)('%s', (_name, open) => {
  let store: FileStore;
  beforeAll(async () => {
    store = await open();
  });

  test('a file put from a local path is taken over, and reads back whole and by range, with its meta', async () => {
    const bytes = patterned(100_000);
    const path = folder.write(`source-${++counter}`, bytes);
    const meta = metaFor(bytes.length);
    await store.put(path, meta);
    expect(existsSync(path)).toBe(false);
    expect(await store.head(meta.key)).toEqual(meta);
    expect((await readAll(store.read(meta.key, 0, bytes.length - 1))).equals(bytes)).toBe(true);
    expect((await readAll(store.read(meta.key, 4000, 4099))).equals(bytes.subarray(4000, 4100))).toBe(true);
    expect((await readAll(store.read(meta.key, bytes.length - 1, bytes.length - 1))).equals(bytes.subarray(-1))).toBe(
      true,
    );
  });

  test('a file put from a stream larger than one multipart part reads back exactly, across the part boundary', async () => {
    const bytes = patterned(PART_BYTES * 2 + 12_345);
    const meta = metaFor(bytes.length);
    // Small chunks, so parts are assembled from many of them.
    const chunks = Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) =>
      bytes.subarray(i * 65_536, (i + 1) * 65_536),
    );
    await store.put(Readable.from(chunks), meta);
    expect((await store.head(meta.key))?.size).toBe(bytes.length);
    expect((await readAll(store.read(meta.key, 0, bytes.length - 1))).equals(bytes)).toBe(true);
    const across = { start: PART_BYTES - 10, end: PART_BYTES + 9 };
    expect(
      (await readAll(store.read(meta.key, across.start, across.end))).equals(
        bytes.subarray(across.start, across.end + 1),
      ),
    ).toBe(true);
  });

  test('an empty file is kept and has no bytes', async () => {
    const meta = metaFor(0);
    await store.put(folder.write(`empty-${++counter}`, Buffer.alloc(0)), meta);
    expect(await store.head(meta.key)).toEqual(meta);
  });

  test('a removed file is gone; removing it again is no error', async () => {
    const meta = metaFor(3);
    await store.put(folder.write(`gone-${++counter}`, Buffer.from('abc')), meta);
    await store.remove(meta.key);
    expect(await store.head(meta.key)).toBeNull();
    await expect(store.remove(meta.key)).resolves.toBeUndefined();
    await expect(readAll(store.read(meta.key, 0, 2))).rejects.toThrow();
  });

  test('an unknown key has no meta, and reading it fails', async () => {
    const key = 'f'.repeat(32);
    expect(await store.head(key)).toBeNull();
    expect(await store.head(`${key}-1`)).toBeNull();
    await expect(readAll(store.read(key, 0, 0))).rejects.toThrow();
  });

  test.each([
    '../../etc/passwd',
    '..%2f..%2fsecret',
    'a'.repeat(32) + '/../x',
    'A'.repeat(32),
    '',
    'a'.repeat(32) + '.json',
    'a'.repeat(31),
  ])('a hostile key %j is no file, and cannot be written, read or removed', async (key) => {
    expect(await store.head(key)).toBeNull();
    const path = folder.write(`hostile-${++counter}`, Buffer.from('x'));
    await expect(store.put(path, metaFor(1, key))).rejects.toThrow('not a file key');
    expect(() => store.read(key, 0, 0)).toThrow('not a file key');
    await expect(store.remove(key)).rejects.toThrow('not a file key');
    await fs.rm(path, { force: true });
  });
});
