import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import TencentCloudChat from 'tidings';
import { WebSocket } from 'ws';
import { createNodePlatform } from '../../adapters/node';
import { createWebPlatform } from '../../adapters/web';
import { createWxPlatform } from '../../adapters/wx';
import type { Platform, PlatformRequest } from '../../plugin/platform';
import type { MessageSendResult } from '../../plugin/types';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { nextEvent } from '../helpers/sdk';
import { simulateMiniProgram } from './simulated-mini-program';

/**
 * A file message whose upload was cut off, then the app was killed: the next SDK instance on the same
 * storage asks the server how far it got (tus HEAD) and sends only the rest. On node, on a simulated
 * WeChat (wx storage, wx.request without PATCH, wxfile:// temp paths), and on the web, where the picked
 * File has no path and the outbox keeps it in IndexedDB (fake-indexeddb here) across the page reload.
 */
const MB = 1024 * 1024;
const globals = globalThis as Record<string, unknown>;
let server: ServerProcess;
let folder: string;

beforeEach(async () => {
  server = await ServerProcess.start();
  folder = mkdtempSync(join(tmpdir(), 'outbox-restart-'));
});

afterEach(async () => {
  delete globals.wx;
  delete globals.WebSocket;
  delete globals.indexedDB;
  rmSync(folder, { recursive: true, force: true });
  await server.close();
});

interface Case {
  name: string;
  /** The platform, and the `payload.file` its picker would give for the file at `path`. */
  install: (path: string, size: number) => { platform: Platform; picked: unknown };
  /** The platform after the restart, on the same storage; the same object where nothing else survives it. */
  restarted?: (before: Platform) => Platform;
}

// fake-indexeddb is typed with the DOM's types, which this project's `lib` leaves out.
const FreshIndexedDB = IDBFactory as unknown as new () => object;

/** A browser page: `ws` as its WebSocket, and the File an `<input type="file">` gives. */
function installWeb(path: string, withIndexedDB: boolean) {
  globals.WebSocket = WebSocket;
  if (withIndexedDB) globals.indexedDB = new FreshIndexedDB();
  return {
    platform: createWebPlatform(),
    picked: { files: [new File([readFileSync(path)], 'big.bin', { type: 'application/octet-stream' })] },
  };
}

/** A reloaded page: a new web platform on the same storage and the same IndexedDB. */
const reloadedWeb = (before: Platform): Platform => ({ ...createWebPlatform(), storage: before.storage });

const cases: Case[] = [
  {
    name: 'node',
    install: (path, size) => ({
      platform: createNodePlatform(),
      picked: { tempFiles: [{ path, size, name: 'big.bin' }] },
    }),
  },
  {
    name: 'wx',
    install: (path, size) => {
      const simulator = simulateMiniProgram('wx');
      globals.wx = simulator.api;
      const tempPath = simulator.tempFile(path, 'bin');
      return {
        platform: createWxPlatform(),
        picked: { tempFiles: [{ path: tempPath, size, name: 'big.bin', type: 'file', time: 1764000000 }] },
      };
    },
  },
  { name: 'web', install: (path) => installWeb(path, true), restarted: reloadedWeb },
];

/** The platform with its upload parts counted; `cutAfter` parts go through, the next throws as a dropped network. */
function counting(platform: Platform, cutAfter = Infinity) {
  const parts: number[] = [];
  const counted: Platform = {
    ...platform,
    storage: platform.storage,
    async request(request: PlatformRequest) {
      const isPart = request.method === 'PATCH' || request.headers['X-HTTP-Method-Override'] === 'PATCH';
      if (isPart) {
        if (parts.length >= cutAfter) throw new Error('network cut');
        parts.push((request.body as ArrayBuffer).byteLength);
      }
      return platform.request(request);
    },
  };
  return { counted, parts };
}

async function loggedIn(platform: Platform) {
  const chat = TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL: server.url, platform });
  const ready = nextEvent(chat, TencentCloudChat.EVENT.SDK_READY, 15_000);
  await chat.login({ userID: 'alice', userSig: server.userSig('alice') });
  await ready;
  return chat;
}

interface StoredUpload {
  url: string;
  file: { path?: string };
}

/** Sends a file message whose upload is cut after three 4 MB parts; destroys the instance once the outbox stored it. */
async function sendCutOff(platform: Platform, picked: unknown, waitForPath: boolean) {
  const first = counting(platform, 3);
  const before = await loggedIn(first.counted);
  const message = before.createFileMessage({ to: 'bob', conversationType: 'C2C', payload: { file: picked } });
  void before.sendMessage(message).catch(() => undefined);
  const key = `tidings:outbox:${TEST_SDKAPPID}:alice`;
  let upload: StoredUpload | undefined;
  for (let i = 0; i < 100; i++) {
    const stored = await platform.storage.getItem(key);
    upload = stored
      ? (JSON.parse(stored) as { entries: Array<{ upload?: StoredUpload }> }).entries[0]?.upload
      : undefined;
    if (upload?.url && (!waitForPath || upload.file.path)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  // Killed before the outbox's own retry (a second later).
  await before.destroy();
  expect(first.parts).toEqual([4 * MB, 4 * MB, 4 * MB]);
  return { message, upload };
}

/** A new instance on `platform` logs the same user in: what MESSAGE_SEND_RESULT reported and the parts it sent. */
async function restart(platform: Platform) {
  const second = counting(platform);
  const results: MessageSendResult[] = [];
  const after = TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL: server.url, platform: second.counted });
  after.on(TencentCloudChat.EVENT.MESSAGE_SEND_RESULT, ({ data }) => results.push(data));
  const ready = nextEvent(after, TencentCloudChat.EVENT.SDK_READY, 15_000);
  await after.login({ userID: 'alice', userSig: server.userSig('alice') });
  await ready;
  for (let i = 0; i < 200 && results.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  await after.destroy();
  return { results, parts: second.parts };
}

test.each(cases)(
  '$name: an app restart during a 50 MB upload: the next instance resumes from the server offset',
  async (adapter) => {
    const path = join(folder, 'big.bin');
    const size = 50 * MB;
    writeFileSync(path, Buffer.alloc(size, 7));
    const { platform, picked } = adapter.install(path, size);

    const { message, upload } = await sendCutOff(platform, picked, true);
    const restarted = adapter.restarted?.(platform) ?? platform;
    const { results, parts } = await restart(restarted);
    expect(results).toMatchObject([{ code: 0, message: { ID: message.ID, payload: { fileSize: size } } }]);
    // 50 MB − the 12 MB the server kept: nine 4 MB parts and the last 2 MB.
    expect(parts).toEqual([...Array<number>(9).fill(4 * MB), 2 * MB]);

    const keptPath = upload?.file.path ?? '';
    if (adapter.name === 'web') {
      expect(keptPath).toMatch(/^idb:/);
      // Sent: the copy in IndexedDB is dropped.
      const kept = { name: 'big.bin', size, type: '', source: { kind: 'path', path: keptPath } } as const;
      await expect(restarted.readFile(kept, 0, 1)).rejects.toThrow(/gone/);
    }
  },
  60_000,
);

test('web without IndexedDB: the picked File is not kept, so after a reload the message fails with 2400', async () => {
  const path = join(folder, 'big.bin');
  const size = 50 * MB;
  writeFileSync(path, Buffer.alloc(size, 7));
  const { platform, picked } = installWeb(path, false);

  const { message, upload } = await sendCutOff(platform, picked, false);
  expect(upload?.file.path).toBeUndefined();
  const { results, parts } = await restart(reloadedWeb(platform));
  expect(results).toMatchObject([{ code: 2400, message: { ID: message.ID } }]);
  expect(parts).toEqual([]);
}, 60_000);

test('web: a private mode that throws on reading indexedDB keeps nothing', async () => {
  Object.defineProperty(globals, 'indexedDB', {
    configurable: true,
    get: () => {
      throw new Error('SecurityError');
    },
  });
  const file = { name: 'a.bin', size: 1, type: '', source: { kind: 'bytes', bytes: new ArrayBuffer(1) } } as const;
  await expect(createWebPlatform().keepFile?.(file)).resolves.toBeNull();
});
