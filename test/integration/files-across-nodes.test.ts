import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { ErrorCode } from '../../protocol/errors';
import { openBucket, type S3Bucket } from '../../server/files/s3-bucket';
import { makeUploadToken } from '../../server/files/upload-token';
import { PgDatabase } from '../../server/store/pg/pg-database';
import { migrate } from '../../server/store/pg/pg-migrations';
import { MIGRATIONS } from '../../server/store/pg/pg-schema';
import { download, makeImage, sha256, tempFolder } from '../helpers/files';
import { startFilesNode, type FilesNode, type FilesNodeConfig } from '../helpers/files-node';
import { freshDatabase, type TestDatabase } from '../helpers/services';
import { S3RVER_CREDENTIALS, startS3Server, type TestS3 } from '../helpers/s3-server';
import { filesRequest, type TusAnswer } from '../helpers/tus-client';

/**
 * Files on several nodes sharing one PostgreSQL and one bucket (s3rver): any node takes the next
 * request of an upload, the 423 of a concurrent PATCH holds across nodes, and a node that dies
 * mid-PATCH holds the upload only until its lease runs out.
 */
const APP = 1400000001;
const SECRET = 'files-across-nodes-secret';
const MB = 1024 * 1024;

let s3: TestS3;
let database: TestDatabase;
let db: PgDatabase;
let bucket: S3Bucket;
let config: FilesNodeConfig;
let nodes: FilesNode[];

beforeAll(async () => {
  s3 = await startS3Server();
  database = await freshDatabase();
  db = new PgDatabase({ connectionString: database.url });
  await migrate(db, MIGRATIONS);
  bucket = openBucket(s3);
  config = {
    databaseURL: database.url,
    s3: { endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region, credentials: s3.credentials },
    app: APP,
    secretKey: SECRET,
  };
  nodes = await Promise.all([startFilesNode(config), startFilesNode(config), startFilesNode(config)]);
});
afterAll(async () => {
  for (const node of nodes) await node.close();
  await db.close();
  await database.drop();
  await s3.stop();
});

const token = (userID: string) => makeUploadToken(APP, userID, SECRET, Math.floor(Date.now() / 1000)).token;
const b64 = (text: string) => Buffer.from(text).toString('base64');

function patterned(size: number, seed = 0): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) bytes.writeUInt32LE((i + seed) >>> 0, i);
  return bytes;
}

async function create(node: FilesNode, length: number, kind = 'file', filename = 'big.bin'): Promise<string> {
  const answer = await filesRequest(node.url, 'POST', '/files', {
    token: token('alice'),
    headers: { 'upload-length': length, 'upload-metadata': `filename ${b64(filename)},kind ${b64(kind)}` },
  });
  expect(answer.status).toBe(201);
  return answer.headers.location as string;
}

function patch(node: FilesNode, path: string, offset: number, body: Buffer): Promise<TusAnswer> {
  return filesRequest(node.url, 'PATCH', path, {
    token: token('alice'),
    headers: { 'upload-offset': offset, 'content-type': 'application/offset+octet-stream' },
    body,
  });
}

async function headOffset(node: FilesNode, path: string): Promise<number> {
  const answer = await filesRequest(node.url, 'HEAD', path, { token: token('alice') });
  expect(answer.status).toBe(200);
  return Number(answer.headers['upload-offset']);
}

/** A PATCH whose body the test sends bit by bit: the node holds the upload's lease meanwhile. */
function slowPatch(node: FilesNode, path: string, offset: number, length: number | null) {
  const { hostname, port } = new URL(node.url);
  let answered: (answer: { status: number; offset: number }) => void = () => undefined;
  const answer = new Promise<{ status: number; offset: number }>((resolve) => (answered = resolve));
  const outgoing = request({
    hostname,
    port,
    method: 'PATCH',
    path,
    headers: {
      'tus-resumable': '1.0.0',
      authorization: `Tidings ${token('alice')}`,
      'upload-offset': offset,
      'content-type': 'application/offset+octet-stream',
      // Without a length the body is sent chunked: the node learns its size only by reading it.
      ...(length === null ? {} : { 'content-length': length }),
    },
  });
  outgoing.on('response', (response) => {
    response.resume();
    response.on('end', () =>
      answered({ status: response.statusCode ?? 0, offset: Number(response.headers['upload-offset']) }),
    );
  });
  outgoing.on('error', () => answered({ status: 0, offset: -1 }));
  return {
    write: (bytes: Buffer) => new Promise<void>((resolve) => outgoing.write(bytes, () => resolve())),
    end: (bytes: Buffer) => {
      outgoing.end(bytes);
      return answer;
    },
    cut: () => outgoing.destroy(),
  };
}

const keyOf = (path: string) => path.split('/').pop()!;

async function uploadRow(key: string): Promise<{ upload_offset: number; lease: string | null } | undefined> {
  const [row] = await db.query<{ upload_offset: number; lease: string | null }>(
    'SELECT upload_offset, lease FROM tidings_uploads WHERE key = $1',
    [key],
  );
  return row;
}

async function piecesInBucket(key: string): Promise<string[]> {
  const listed = await bucket.client.send(new ListObjectsV2Command({ Bucket: bucket.name, Prefix: `uploads/${key}/` }));
  return (listed.Contents ?? []).map((object) => object.Key!);
}

/** Polls until `check` holds (the state of another node or process, which the test cannot await). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('an upload started on one node is continued and finished on a second and downloaded from a third', async () => {
  const [one, two, three] = nodes;
  const bytes = patterned(13 * MB + 5);
  const path = await create(one, bytes.length);
  expect((await patch(one, path, 0, bytes.subarray(0, 4 * MB))).status).toBe(204);
  expect(await headOffset(two, path)).toBe(4 * MB);
  expect((await patch(two, path, 4 * MB, bytes.subarray(4 * MB, 8 * MB))).headers['upload-offset']).toBe(
    String(8 * MB),
  );
  const last = await patch(two, path, 8 * MB, bytes.subarray(8 * MB));
  expect(last.status).toBe(204);
  expect(last.headers['upload-offset']).toBe(String(bytes.length));

  const got = await download(`${three.url}${path}`);
  expect(got.status).toBe(200);
  expect(got.headers.get('content-disposition')).toContain('big.bin');
  expect(sha256(got.body)).toBe(sha256(bytes));
  const range = await download(`${three.url}${path}`, { range: `bytes=${4 * MB - 3}-${4 * MB + 2}` });
  expect(range.status).toBe(206);
  expect(range.body.equals(bytes.subarray(4 * MB - 3, 4 * MB + 3))).toBe(true);
  // Finished: a HEAD on any node says every byte is there; nothing of the upload under way is left.
  expect(await headOffset(three, path)).toBe(bytes.length);
  expect(await uploadRow(keyOf(path))).toBeUndefined();
  expect(await piecesInBucket(keyOf(path))).toEqual([]);
});

test('an image uploaded across two nodes gets its real size and both renditions, served by a third', async () => {
  const [one, two, three] = nodes;
  const image = await makeImage(1600, 900);
  const path = await create(one, image.length, 'image', 'photo.png');
  const half = Math.floor(image.length / 2);
  expect((await patch(one, path, 0, image.subarray(0, half))).status).toBe(204);
  expect((await patch(two, path, half, image.subarray(half))).status).toBe(204);

  const meta = await three.service.store.head(keyOf(path));
  expect(meta).toMatchObject({ width: 1600, height: 900, size: image.length, mime: 'image/png' });
  expect(meta?.renditions?.map((rendition) => [rendition.type, rendition.width, rendition.height])).toEqual([
    [1, 720, 405],
    [2, 198, 111],
  ]);
  const large = await download(`${three.url}${path}-1`);
  expect(large.status).toBe(200);
  expect(await sharp(large.body).metadata()).toMatchObject({ width: 720, height: 405, format: 'png' });
  expect(sha256((await download(`${three.url}${path}`)).body)).toBe(sha256(image));
});

test('a PATCH on a second node while the first node’s PATCH runs is refused with 423; after it, the second continues at the right offset', async () => {
  const [one, two] = nodes;
  const bytes = patterned(3 * MB, 7);
  const path = await create(one, bytes.length);
  const running = slowPatch(one, path, 0, MB);
  await running.write(bytes.subarray(0, MB / 2));
  await until(async () => (await uploadRow(keyOf(path)))?.lease != null, 'the first node to take the lease');

  const refused = await patch(two, path, 0, bytes.subarray(0, 10));
  expect(refused.status).toBe(423);
  expect(refused.code).toBe(ErrorCode.UPLOAD_OFFSET_MISMATCH);

  expect(await running.end(bytes.subarray(MB / 2, MB))).toEqual({ status: 204, offset: MB });
  expect((await patch(two, path, 0, bytes.subarray(0, 10))).status).toBe(409);
  const rest = await patch(two, path, MB, bytes.subarray(MB));
  expect(rest.status).toBe(204);
  expect(rest.headers['upload-offset']).toBe(String(bytes.length));
  expect(sha256((await download(`${nodes[2].url}${path}`)).body)).toBe(sha256(bytes));
});

test('bytes that reached one node before the connection was cut are kept; a HEAD on another node counts them', async () => {
  const [one, two, three] = nodes;
  const bytes = patterned(2 * MB, 11);
  const path = await create(one, bytes.length);
  const cutOff = slowPatch(one, path, 0, bytes.length);
  await cutOff.write(bytes.subarray(0, MB));
  await until(async () => (await uploadRow(keyOf(path)))?.lease != null, 'the node to take the lease');
  cutOff.cut();
  const offset = await headOffset(two, path);
  expect(offset).toBeGreaterThan(0);
  expect(offset).toBeLessThanOrEqual(MB);
  const rest = await patch(two, path, offset, bytes.subarray(offset));
  expect(rest.status).toBe(204);
  expect(sha256((await download(`${three.url}${path}`)).body)).toBe(sha256(bytes));
});

test('a body that runs past the upload is refused whole (413), including the pieces it had stored; the upload goes on', async () => {
  const [one, two] = nodes;
  const bytes = patterned(9 * MB, 5);
  const path = await create(one, bytes.length);
  const tooLong = slowPatch(one, path, 0, null);
  await tooLong.write(bytes);
  expect((await tooLong.end(Buffer.alloc(MB))).status).toBe(413);
  expect(await piecesInBucket(keyOf(path))).toEqual([]);
  expect(await headOffset(two, path)).toBe(0);
  expect((await patch(two, path, 0, bytes)).status).toBe(204);
  expect(sha256((await download(`${two.url}${path}`)).body)).toBe(sha256(bytes));
});

test('an upload terminated on another node is gone from every node, its pieces too', async () => {
  const [one, two, three] = nodes;
  const path = await create(one, 12 * MB);
  expect((await patch(one, path, 0, patterned(9 * MB))).status).toBe(204);
  expect(await piecesInBucket(keyOf(path))).not.toEqual([]);
  expect((await filesRequest(two.url, 'DELETE', path, { token: token('alice') })).status).toBe(204);
  expect((await filesRequest(three.url, 'HEAD', path, { token: token('alice') })).status).toBe(404);
  expect(await piecesInBucket(keyOf(path))).toEqual([]);
  expect(await uploadRow(keyOf(path))).toBeUndefined();
});

test('another user cannot see, continue or terminate an upload, on any node', async () => {
  const [one, two] = nodes;
  const path = await create(one, 10);
  const mallory = { token: token('mallory') };
  expect((await filesRequest(two.url, 'HEAD', path, mallory)).status).toBe(404);
  expect(
    (
      await filesRequest(two.url, 'PATCH', path, {
        ...mallory,
        headers: { 'upload-offset': 0, 'content-type': 'application/offset+octet-stream' },
        body: Buffer.alloc(10),
      })
    ).status,
  ).toBe(404);
  expect((await filesRequest(two.url, 'DELETE', path, mallory)).status).toBe(404);
  expect(await headOffset(one, path)).toBe(0);
});

describe('a node that dies mid-PATCH', () => {
  let child: ChildProcess;
  let scratch: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    scratch = tempFolder();
  });
  afterEach(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    scratch.cleanup();
  });

  test('holds the upload until its lease runs out; then another node continues from the last recorded offset', async () => {
    const leaseMs = 3000;
    // One process (tsx as a loader, not as a wrapper that forks), so SIGKILL kills the node itself.
    child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../helpers/files-node.ts')], {
      cwd: join(__dirname, '../..'),
      env: {
        ...process.env,
        TIDINGS_FILES_NODE: JSON.stringify({
          ...config,
          s3: { ...config.s3, credentials: undefined },
          leaseMs,
          scratchDir: scratch.dir,
        }),
        AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        const match = /listening (\S+)/.exec(text);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`the node process exited (${code}) before it listened`)));
    });
    const doomed: FilesNode = { url, service: nodes[0].service, close: async () => undefined };
    const [, survivor] = nodes;

    const bytes = patterned(20 * MB, 3);
    const path = await create(doomed, bytes.length);
    const key = keyOf(path);
    const running = slowPatch(doomed, path, 0, bytes.length);
    await running.write(bytes.subarray(0, 9 * MB));
    // Past 8 MiB the node has written a piece to the bucket: it dies with bytes stored but not recorded.
    await until(async () => (await piecesInBucket(key)).length > 0, 'the doomed node to store a piece');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    expect((await patch(survivor, path, 0, bytes.subarray(0, 1))).status).toBe(423);
    expect(await headOffset(survivor, path)).toBe(0);
    let answer: TusAnswer | undefined;
    await until(async () => {
      answer = await patch(survivor, path, 0, bytes.subarray(0, 1));
      return answer.status !== 423;
    }, 'the dead node’s lease to run out');
    expect(answer!.status).toBe(204);
    expect(answer!.headers['upload-offset']).toBe('1');
    const rest = await patch(survivor, path, 1, bytes.subarray(1));
    expect(rest.headers['upload-offset']).toBe(String(bytes.length));

    expect(sha256((await download(`${nodes[2].url}${path}`)).body)).toBe(sha256(bytes));
    // The dead node's piece went with the rest of the upload's pieces.
    expect(await piecesInBucket(key)).toEqual([]);
  }, 60_000);
});
