import { readdirSync, truncateSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import TencentCloudChat from 'tidings';
import { createNodePlatform } from '../../adapters/node';
import type { Platform, PlatformRequest } from '../../plugin/platform';
import { makeTencentCloudChat } from '../../plugin/namespace';
import { download, sha256, tempFolder } from '../helpers/files';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { destroyAll, nextEvent, readyChat } from '../helpers/sdk';

/** Uploads and downloads over HTTP: resume, limits, type rules, auth and hostile keys. */
let server: ServerProcess;
let files: ReturnType<typeof tempFolder>;

beforeAll(async () => {
  server = await ServerProcess.start();
  files = tempFolder();
});
afterAll(async () => {
  await server.close();
  files.cleanup();
});
afterEach(destroyAll);

const MB = 1024 * 1024;

async function uploadToken(userID: string): Promise<string> {
  const client = await RawClient.login(server.socketURL, TEST_SDKAPPID, userID, server.userSig(userID));
  const answer = await client.request('uploadToken', {});
  client.close();
  if (answer.t !== 'res' || answer.code !== 0) throw new Error(JSON.stringify(answer));
  return (answer.d as { token: string }).token;
}

/** A raw HTTP request, so paths are sent exactly as written and bodies can be cut off. */
function raw(
  method: string,
  path: string,
  headers: Record<string, string | number> = {},
  body?: Buffer,
  cutAfter?: number,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(server.url);
    const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', (error) =>
      cutAfter !== undefined ? resolve({ status: 0, headers: {}, body: String(error) }) : reject(error),
    );
    if (body && cutAfter !== undefined) {
      req.write(body.subarray(0, cutAfter), () => setTimeout(() => req.destroy(), 200));
    } else req.end(body);
  });
}

const tus = (token: string, extra: Record<string, string | number> = {}) => ({
  'Tus-Resumable': '1.0.0',
  Authorization: `Tidings ${token}`,
  ...extra,
});
const meta = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');

function storedFiles(): string[] {
  return ['files', 'uploads'].flatMap((dir) => readdirSync(join(server.dataDir, dir)));
}

test('an upload cut off midway is resumed by the outbox (a second later) and by resendMessage, sending only the rest', async () => {
  const node = createNodePlatform();
  const patches: number[] = [];
  let failNext = 0;
  let cutAlways = false;
  const flaky: Platform = {
    ...node,
    async request(request: PlatformRequest) {
      if (request.method === 'PATCH') {
        if (++failNext === 2 || (cutAlways && failNext > 1)) throw new Error('network cut');
        patches.push((request.body as ArrayBuffer).byteLength);
      }
      return node.request(request);
    },
  };
  const alice = makeTencentCloudChat(() => flaky).create({ SDKAppID: TEST_SDKAPPID, serverURL: server.url });
  const ready = nextEvent(alice, TencentCloudChat.EVENT.SDK_READY);
  await alice.login({ userID: 'alice', userSig: server.userSig('alice') });
  await ready;
  const bob = await readyChat(server, 'bob');
  const bytes = Buffer.alloc(10 * MB);
  for (let i = 0; i < bytes.length; i += 4096) bytes.writeUInt32LE(i, i);
  const message = alice.createFileMessage({
    to: 'bob',
    conversationType: 'C2C',
    payload: { file: new File([bytes], 'big.bin') },
  });

  const received = nextEvent(bob, TencentCloudChat.EVENT.MESSAGE_RECEIVED, 10_000);
  // The cut-off part is retried by the outbox: the send still resolves, and only the rest was sent again.
  await expect(alice.sendMessage(message)).resolves.toEqual({ code: 0, data: { message } });
  expect(patches).toEqual([4 * MB, 4 * MB, 2 * MB]);
  const [got] = (await received) as Array<{ payload: { fileUrl: string } }>;
  expect(sha256((await download(got.payload.fileUrl)).body)).toBe(sha256(bytes));

  // One that gives up (past sendTimeout) is resumed by resendMessage from where it stopped.
  const quick = makeTencentCloudChat(() => flaky).create({
    SDKAppID: TEST_SDKAPPID,
    serverURL: server.url,
    sendTimeout: 1000,
  });
  const quickReady = nextEvent(quick, TencentCloudChat.EVENT.SDK_READY);
  await quick.login({ userID: 'carol', userSig: server.userSig('carol') });
  await quickReady;
  patches.length = 0;
  failNext = 0;
  cutAlways = true;
  const second = quick.createFileMessage({
    to: 'bob',
    conversationType: 'C2C',
    payload: { file: new File([bytes], 'b.bin') },
  });
  await expect(quick.sendMessage(second)).rejects.toMatchObject({ code: 2801 });
  expect(second.status).toBe('fail');
  expect(patches).toEqual([4 * MB]);
  cutAlways = false;
  await quick.resendMessage(second);
  expect(patches).toEqual([4 * MB, 4 * MB, 2 * MB]);
  await quick.destroy();
  await alice.destroy();
});

test('bytes that arrived before a connection was cut are kept; the upload resumes after them (PATCH over POST override)', async () => {
  const token = await uploadToken('alice');
  const bytes = Buffer.alloc(4 * MB, 5);
  const created = await raw(
    'POST',
    '/files',
    tus(token, { 'Upload-Length': bytes.length, 'Upload-Metadata': meta({ filename: 'a.bin', kind: 'file' }) }),
  );
  expect(created.status).toBe(201);
  const location = created.headers.location as string;
  await raw(
    'PATCH',
    location,
    tus(token, {
      'Upload-Offset': 0,
      'Content-Type': 'application/offset+octet-stream',
      'Content-Length': bytes.length,
    }),
    bytes,
    MB,
  );
  const head = await raw('HEAD', location, tus(token));
  const offset = Number(head.headers['upload-offset']);
  expect(offset).toBeGreaterThan(0);
  expect(offset).toBeLessThanOrEqual(MB);
  expect(Number(head.headers['upload-length'])).toBe(bytes.length);

  const stale = await raw(
    'PATCH',
    location,
    tus(token, { 'Upload-Offset': 0, 'Content-Type': 'application/offset+octet-stream' }),
    bytes,
  );
  expect(stale.status).toBe(409);
  const rest = await raw(
    'POST',
    location,
    tus(token, {
      'X-HTTP-Method-Override': 'PATCH',
      'Upload-Offset': offset,
      'Content-Type': 'application/offset+octet-stream',
    }),
    bytes.subarray(offset),
  );
  expect(rest.status).toBe(204);
  expect(Number(rest.headers['upload-offset'])).toBe(bytes.length);
  expect((await download(`${server.url}${location}`)).body.equals(bytes)).toBe(true);
});

describe('limits before any byte is sent', () => {
  const over = () => {
    const path = files.write('huge.bin', Buffer.alloc(0));
    truncateSync(path, 100 * MB + 1);
    return path;
  };
  test.each([
    ['createFileMessage', 'huge.bin', 2402],
    ['createImageMessage', 'huge.png', 2253],
    ['createVideoMessage', 'huge.mp4', 2351],
    ['createAudioMessage', 'huge.aac', 2301],
  ] as const)('%s of 100 MB + 1 byte → %s, nothing stored', async (factory, name, code) => {
    const alice = await readyChat(server, 'alice');
    const before = storedFiles();
    const path = over();
    expect(() =>
      alice[factory]({
        to: 'bob',
        conversationType: 'C2C',
        payload: { file: { tempFiles: [{ path, size: 100 * MB + 1, name }] } },
      }),
    ).toThrow(expect.objectContaining({ code, message: expect.stringContaining('100 MB') }));
    expect(storedFiles()).toEqual(before);
  });

  test('the server refuses 100 MB + 1 byte too, with the same code, and keeps nothing', async () => {
    const before = storedFiles();
    const answer = await raw(
      'POST',
      '/files',
      tus(await uploadToken('alice'), {
        'Upload-Length': 100 * MB + 1,
        'Upload-Metadata': meta({ filename: 'x.bin', kind: 'file' }),
      }),
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 2402 });
    expect(storedFiles()).toEqual(before);
  });

  test.each([
    ['createImageMessage', 'notes.txt', 2252],
    ['createVideoMessage', 'movie.avi', 2352],
  ] as const)('%s with %s → %s', async (factory, name, code) => {
    const alice = await readyChat(server, 'alice');
    expect(() =>
      alice[factory]({ to: 'bob', conversationType: 'C2C', payload: { file: new File(['abc'], name) } }),
    ).toThrow(expect.objectContaining({ code }));
  });

  test('the server checks the type rules on create, and an image on its real bytes', async () => {
    const token = await uploadToken('alice');
    const txt = await raw(
      'POST',
      '/files',
      tus(token, { 'Upload-Length': 3, 'Upload-Metadata': meta({ filename: 'a.txt', kind: 'image' }) }),
    );
    expect(JSON.parse(txt.body)).toMatchObject({ code: 2252 });
    const fake = await raw(
      'POST',
      '/files',
      tus(token, { 'Upload-Length': 9, 'Upload-Metadata': meta({ filename: 'a.png', kind: 'image' }) }),
    );
    const key = (fake.headers.location as string).split('/').pop()!;
    const sent = await raw(
      'PATCH',
      `/files/${key}`,
      tus(token, { 'Upload-Offset': 0, 'Content-Type': 'application/offset+octet-stream' }),
      Buffer.from('not a png'),
    );
    expect(sent.status).toBe(415);
    expect(JSON.parse(sent.body)).toMatchObject({ code: 2252 });
    expect(storedFiles().filter((name) => name.startsWith(key))).toEqual([]);
  });
});

describe('auth and hostile input', () => {
  test.each([
    ['no token', {}],
    ['a forged token', { Authorization: `Tidings ${TEST_SDKAPPID}.alice.99999999999.${'0'.repeat(64)}` }],
    ['an expired token', { Authorization: `Tidings ${TEST_SDKAPPID}.alice.1.${'0'.repeat(64)}` }],
  ])('upload with %s → 401 / 90011', async (_name, auth) => {
    const answer = await raw('POST', '/files', { 'Tus-Resumable': '1.0.0', 'Upload-Length': 3, ...auth });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 90011, msg: expect.stringMatching(/upload token/) });
  });

  test("another user cannot see or continue someone's upload", async () => {
    const created = await raw(
      'POST',
      '/files',
      tus(await uploadToken('alice'), { 'Upload-Length': 10, 'Upload-Metadata': meta({ filename: 'a.bin' }) }),
    );
    const mallory = await uploadToken('mallory');
    expect((await raw('HEAD', created.headers.location as string, tus(mallory))).status).toBe(404);
    expect(
      (
        await raw(
          'PATCH',
          created.headers.location as string,
          tus(mallory, { 'Upload-Offset': 0, 'Content-Type': 'application/offset+octet-stream' }),
          Buffer.alloc(10),
        )
      ).status,
    ).toBe(404);
    expect((await raw('GET', created.headers.location as string)).status).toBe(404);
  });

  test.each([
    '/files/00000000000000000000000000000000',
    '/files/00000000000000000000000000000000-3',
    '/files/../secret-key',
    '/files/..%2Fsecret-key',
    '/files/%2e%2e%2f%2e%2e%2ftidings.sqlite',
    '/files/..%5c..%5csecret-key',
    '/files/%00',
    '/files/abc/../../secret-key',
    `/files/${'a'.repeat(5000)}`,
  ])('download of %# (hostile or unknown key) → 404 / 90012, never a file outside the store', async (path) => {
    const answer = await raw('GET', path);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 90012 });
  });

  test('an unsatisfiable range → 416', async () => {
    const token = await uploadToken('alice');
    const created = await raw(
      'POST',
      '/files',
      tus(token, { 'Upload-Length': 4, 'Upload-Metadata': meta({ filename: 'a.txt' }) }),
    );
    await raw(
      'PATCH',
      created.headers.location as string,
      tus(token, { 'Upload-Offset': 0, 'Content-Type': 'application/offset+octet-stream' }),
      Buffer.from('abcd'),
    );
    const answer = await raw('GET', created.headers.location as string, { Range: 'bytes=10-20' });
    expect(answer.status).toBe(416);
    expect(answer.headers['content-range']).toBe('bytes */4');
    const text = await raw('GET', created.headers.location as string);
    expect(text.headers['content-type']).toBe('text/plain');
    expect(text.headers['content-disposition']).toMatch(/^attachment/);
  });

  test.each([
    [{ type: 'TIMImageElem', payload: { uuid: '0'.repeat(32) } }, 90012],
    [{ type: 'TIMImageElem', payload: { uuid: '../../secret-key' } }, 90012],
    [{ type: 'TIMFileElem', payload: {} }, 90003],
    [{ type: 'TIMLocationElem', payload: { longitude: 200, latitude: 0 } }, 90003],
    [{ type: 'TIMFaceElem', payload: { index: '1' } }, 90003],
    [
      {
        type: 'TIMRelayElem',
        payload: {
          compatibleText: 'c',
          messageList: [{ type: 'TIMTextElem', payload: { text: 'x' }, status: 'fail' }],
        },
      },
      2450,
    ],
    [
      {
        type: 'TIMRelayElem',
        payload: { compatibleText: '', messageList: [{ type: 'TIMTextElem', payload: { text: 'x' } }] },
      },
      90003,
    ],
    [{ type: 'TIMRelayElem', payload: { compatibleText: 'c', downloadKey: 'f'.repeat(32) } }, 2451],
    [{ type: 'TIMGroupTipElem', payload: {} }, 90003],
  ])('a send the SDK would not make, %j → %s, nothing stored', async (fields, code) => {
    const client = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'eve', server.userSig('eve'));
    const answer = await client.request('send', {
      ID: `m-${Math.random().toString(36).slice(2)}`,
      conversationType: 'C2C',
      to: 'bob',
      ...fields,
    });
    expect(answer).toMatchObject({ t: 'res', code });
    const history = await client.request('getMessageList', { conversationID: 'C2Cbob' });
    expect((history as { d: { messageList: unknown[] } }).d.messageList).toEqual([]);
    client.close();
  });
});

test('an empty image is refused on create by the server, and nothing is kept', async () => {
  const before = storedFiles();
  const answer = await raw(
    'POST',
    '/files',
    tus(await uploadToken('alice'), {
      'Upload-Length': 0,
      'Upload-Metadata': meta({ filename: 'a.png', kind: 'image' }),
    }),
  );
  expect(answer.status).toBe(415);
  expect(JSON.parse(answer.body)).toMatchObject({ code: 2252 });
  expect(storedFiles()).toEqual(before);
});

test.each([
  ['declared by Content-Length', { 'Content-Length': 20 }],
  ['streamed without a length', { 'Transfer-Encoding': 'chunked' }],
])(
  'a PATCH body longer than the upload (%s) → 413; none of it is kept and the upload resumes',
  async (_name, length) => {
    const token = await uploadToken('alice');
    const created = await raw(
      'POST',
      '/files',
      tus(token, { 'Upload-Length': 10, 'Upload-Metadata': meta({ filename: 'a.bin', kind: 'file' }) }),
    );
    const location = created.headers.location as string;
    const patch = (offset: number, bytes: Buffer, extra: Record<string, string | number> = {}) =>
      raw(
        'PATCH',
        location,
        tus(token, { 'Upload-Offset': offset, 'Content-Type': 'application/offset+octet-stream', ...extra }),
        bytes,
      );
    expect((await patch(0, Buffer.alloc(4, 1))).status).toBe(204);
    const tooLong = await patch(4, Buffer.alloc(20, 2), length);
    expect(tooLong.status).toBe(413);
    expect(JSON.parse(tooLong.body)).toMatchObject({ code: 90003, msg: expect.stringContaining('at most 6 bytes') });
    expect((await raw('HEAD', location, tus(token))).headers['upload-offset']).toBe('4');
    expect((await patch(4, Buffer.alloc(6, 3))).status).toBe(204);
    const expected = Buffer.concat([Buffer.alloc(4, 1), Buffer.alloc(6, 3)]);
    expect((await download(`${server.url}${location}`)).body.equals(expected)).toBe(true);
  },
);
