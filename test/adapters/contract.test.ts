import WebSocket from 'ws';
import { createNodePlatform } from '../../adapters/node';
import type { Platform } from '../../plugin/platform';
import { createUniPlatform } from '../../adapters/uni';
import { createWebPlatform } from '../../adapters/web';
import { createWxPlatform } from '../../adapters/wx';
import TencentCloudChat from 'tidings';
import { EVENT, TYPES } from '../../protocol/constants';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { destroyAll, inbox, readyChat, sendText, until } from '../helpers/sdk';
import { download, makeImage, sha256, tempFolder } from '../helpers/files';
import { simulateMiniProgram } from './simulated-mini-program';

/** One suite, every adapter: each must carry a real chat through the real server. */
const globals = globalThis as Record<string, unknown>;

interface AdapterCase {
  name: string;
  /** Installs the platform's globals and returns the adapter, plus the simulator where there is one. */
  install(): { platform: Platform; simulator?: ReturnType<typeof simulateMiniProgram> };
}

const adapters: AdapterCase[] = [
  { name: 'node', install: () => ({ platform: createNodePlatform() }) },
  {
    name: 'wx',
    install: () => {
      const simulator = simulateMiniProgram('wx');
      globals.wx = simulator.api;
      return { platform: createWxPlatform(), simulator };
    },
  },
  {
    name: 'uni',
    install: () => {
      const simulator = simulateMiniProgram('uni');
      globals.uni = simulator.api;
      return { platform: createUniPlatform(), simulator };
    },
  },
  {
    name: 'web',
    install: () => {
      // `ws` implements the browser WebSocket interface (onopen, onmessage with event.data …).
      globals.WebSocket = WebSocket;
      return { platform: createWebPlatform() };
    },
  },
];

let server: ServerProcess;
beforeAll(async () => {
  server = await ServerProcess.start();
});
afterAll(async () => {
  await server.close();
});
const chatsOnAdapters: Array<{ destroy(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(chatsOnAdapters.splice(0).map((chat) => chat.destroy()));
  await destroyAll();
  removeGlobals();
});

type Simulator = ReturnType<typeof simulateMiniProgram>;

/** A file as each platform's picker hands it over: a File on node and the web, wx.chooseImage / chooseMessageFile results on wx and uni. */
function picked(
  simulator: Simulator | undefined,
  path: string,
  bytes: Buffer,
  name: string,
  type: string,
  picker: 'image' | 'file',
): unknown {
  if (!simulator) return new File([bytes], name, { type });
  const tempPath = simulator.tempFile(path, name.split('.').pop()!);
  if (picker === 'image') return { tempFilePaths: [tempPath], tempFiles: [{ path: tempPath, size: bytes.length }] };
  return { tempFiles: [{ path: tempPath, size: bytes.length, name, type: 'file', time: 1764000000 }] };
}

function removeGlobals() {
  delete globals.wx;
  delete globals.uni;
  delete globals.WebSocket;
}

async function chatOn(platform: Platform, userID: string) {
  // Named explicitly, so each adapter runs whatever the Node build would detect.
  const chat = TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL: server.url, platform });
  chatsOnAdapters.push(chat);
  await chat.login({ userID, userSig: server.userSig(userID) });
  return chat;
}

describe.each(adapters)('the $name adapter', (adapter) => {
  test('is supported where its globals are, and not where they are missing', () => {
    const { platform } = adapter.install();
    expect(platform.isSupported()).toBe(true);
    if (adapter.name !== 'node') {
      removeGlobals();
      expect(platform.isSupported()).toBe(false);
    }
  });

  test('carries a chat with a Node client both ways through the real server', async () => {
    const { platform } = adapter.install();
    const user = `${adapter.name}-user`;
    const chat = await chatOn(platform, user);
    const received = inbox(chat);
    const peer = await readyChat(server, `${adapter.name}-peer`);
    const peerInbox = inbox(peer);

    const message = chat.createTextMessage({
      to: `${adapter.name}-peer`,
      conversationType: TYPES.CONV_C2C,
      payload: { text: `from ${adapter.name}` },
    });
    const { data } = await chat.sendMessage(message);
    expect(data.message.status).toBe('success');
    await sendText(peer, user, 'from node');
    await until(() => received.length === 1 && peerInbox.length === 1);
    expect(received[0]).toMatchObject({ flow: 'in', payload: { text: 'from node' } });
    expect(peerInbox[0]).toMatchObject({ flow: 'in', from: user, payload: { text: `from ${adapter.name}` } });
  });

  test('create() refuses a platform that is not supported here', () => {
    const { platform } = adapter.install();
    if (adapter.name !== 'node') {
      removeGlobals();
      expect(() => TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL: server.url, platform })).toThrow(
        /not supported/,
      );
    }
  });

  test('storage keeps a value, forgets it on remove, and answers null for a missing key', async () => {
    const { storage } = adapter.install().platform;
    expect(await storage.getItem('tidings-test')).toBeNull();
    await storage.setItem('tidings-test', '{"outbox":[]}');
    expect(await storage.getItem('tidings-test')).toBe('{"outbox":[]}');
    await storage.removeItem('tidings-test');
    expect(await storage.getItem('tidings-test')).toBeNull();
  });
});

describe.each(adapters.filter((a) => a.name === 'wx' || a.name === 'uni'))('the $name app lifecycle', (adapter) => {
  test('a socket that died in the background is replaced when the app shows again; nothing is lost or doubled', async () => {
    const { platform, simulator } = adapter.install();
    const user = `${adapter.name}-life`;
    const chat = await chatOn(platform, user);
    const received = inbox(chat);
    const states: string[] = [];
    chat.on(EVENT.NET_STATE_CHANGE, ({ data }) => states.push(data.state));
    const peer = await readyChat(server, `${adapter.name}-friend`);

    simulator!.hideApp();
    await sendText(peer, user, 'while you were away');
    simulator!.showApp();
    await until(() => states.includes(TYPES.NET_STATE_CONNECTED), 10_000);
    await until(() => chat.getTotalUnreadMessageCount() === 1);

    await sendText(peer, user, 'welcome back');
    const history = await chat.getMessageList({ conversationID: `C2C${adapter.name}-friend` });
    expect(history.data.messageList.map((m) => m.payload.text)).toEqual(['while you were away', 'welcome back']);
    // The one that came while the socket was dead is caught up; each is reported once.
    await until(() => received.length === 2);
    expect(received.map((m) => m.payload.text)).toEqual(['while you were away', 'welcome back']);
    expect(chat.getTotalUnreadMessageCount()).toBe(2);
  });

  test('logout removes every listener the SDK put on the platform', async () => {
    const { platform, simulator } = adapter.install();
    const chat = await chatOn(platform, `${adapter.name}-tidy`);
    expect(simulator!.listenerCount).toBeGreaterThan(0);
    await chat.logout();
    expect(simulator!.listenerCount).toBe(0);
  });
});

describe.each(adapters)('files on the $name adapter', (adapter) => {
  const folder = tempFolder();
  afterAll(() => folder.cleanup());

  test("an image picked the platform's way is uploaded, with progress, and the peer gets its real size", async () => {
    const { platform, simulator } = adapter.install();
    const bytes = await makeImage(320, 240);
    const file = picked(
      simulator,
      folder.write(`${adapter.name}.png`, bytes),
      bytes,
      'photo.png',
      'image/png',
      'image',
    );
    const chat = await chatOn(platform, `${adapter.name}-pics`);
    const peer = await readyChat(server, `${adapter.name}-viewer`);
    const peerInbox = inbox(peer);
    const progress: number[] = [];
    const message = chat.createImageMessage({
      to: `${adapter.name}-viewer`,
      conversationType: TYPES.CONV_C2C,
      payload: { file },
      onProgress: (p: number) => progress.push(p),
    });
    await chat.sendMessage(message);
    await until(() => peerInbox.length === 1);
    const [original] = (
      peerInbox[0].payload as unknown as {
        imageInfoArray: Array<{ width: number; height: number; size: number; url: string }>;
      }
    ).imageInfoArray;
    expect(original).toMatchObject({ width: 320, height: 240, size: bytes.length });
    expect(sha256((await download(original.url)).body)).toBe(sha256(bytes));
    expect(progress.at(-1)).toBe(1);
  });

  test('a 5 MB file goes up in more than one part and arrives byte for byte', async () => {
    const { platform, simulator } = adapter.install();
    const bytes = Buffer.alloc(5 * 1024 * 1024 + 123, 7);
    bytes.write(`${adapter.name} header`, 0);
    const file = picked(
      simulator,
      folder.write(`${adapter.name}.bin`, bytes),
      bytes,
      'report.bin',
      'application/octet-stream',
      'file',
    );
    const chat = await chatOn(platform, `${adapter.name}-docs`);
    const peer = await readyChat(server, `${adapter.name}-reader`);
    const peerInbox = inbox(peer);
    const progress: number[] = [];
    await chat.sendMessage(
      chat.createFileMessage({
        to: `${adapter.name}-reader`,
        conversationType: TYPES.CONV_C2C,
        payload: { file },
        onProgress: (p: number) => progress.push(p),
      }),
    );
    await until(() => peerInbox.length === 1);
    const payload = peerInbox[0].payload as unknown as { fileName: string; fileSize: number; fileUrl: string };
    expect(payload).toMatchObject({ fileName: 'report.bin', fileSize: bytes.length });
    expect(sha256((await download(payload.fileUrl)).body)).toBe(sha256(bytes));
    expect(progress.filter((p) => p > 0 && p < 1).length).toBeGreaterThan(0);
  });
});
