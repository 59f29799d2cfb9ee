import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import TencentCloudChat from 'tidings';
import { createNodePlatform } from '../../adapters/node';
import { createWxPlatform } from '../../adapters/wx';
import type { Platform, PlatformRequest } from '../../plugin/platform';
import type { MessageSendResult } from '../../plugin/types';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { nextEvent } from '../helpers/sdk';
import { simulateMiniProgram } from './simulated-mini-program';

/**
 * A file message whose upload was cut off, then the app was killed: the next SDK instance on the same
 * storage asks the server how far it got (tus HEAD) and sends only the rest. On node, and on a simulated
 * WeChat (wx storage, wx.request without PATCH, wxfile:// temp paths).
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
  rmSync(folder, { recursive: true, force: true });
  await server.close();
});

interface Case {
  name: string;
  /** The platform, and the `payload.file` its picker would give for the file at `path`. */
  install: (path: string, size: number) => { platform: Platform; picked: unknown };
}

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

test.each(cases)(
  '$name: an app restart during a 50 MB upload: the next instance resumes from the server offset',
  async (adapter) => {
    const path = join(folder, 'big.bin');
    const size = 50 * MB;
    writeFileSync(path, Buffer.alloc(size, 7));
    const { platform, picked } = adapter.install(path, size);

    const first = counting(platform, 3);
    const before = await loggedIn(first.counted);
    const message = before.createFileMessage({ to: 'bob', conversationType: 'C2C', payload: { file: picked } });
    void before.sendMessage(message).catch(() => undefined);
    const key = `tidings:outbox:${TEST_SDKAPPID}:alice`;
    for (let i = 0; i < 100; i++) {
      const stored = await platform.storage.getItem(key);
      if (stored && (JSON.parse(stored) as { entries: Array<{ upload?: { url: string } }> }).entries[0]?.upload?.url)
        break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Killed before the outbox's own retry (a second later).
    await before.destroy();
    expect(first.parts).toEqual([4 * MB, 4 * MB, 4 * MB]);

    const second = counting(platform);
    const results: MessageSendResult[] = [];
    const after = TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL: server.url, platform: second.counted });
    after.on(TencentCloudChat.EVENT.MESSAGE_SEND_RESULT, ({ data }) => results.push(data));
    const ready = nextEvent(after, TencentCloudChat.EVENT.SDK_READY, 15_000);
    await after.login({ userID: 'alice', userSig: server.userSig('alice') });
    await ready;
    for (let i = 0; i < 200 && results.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(results).toMatchObject([{ code: 0, message: { ID: message.ID, payload: { fileSize: size } } }]);
    // 50 MB − the 12 MB the server kept: nine 4 MB parts and the last 2 MB.
    expect(second.parts).toEqual([...Array<number>(9).fill(4 * MB), 2 * MB]);
    await after.destroy();
  },
  60_000,
);
