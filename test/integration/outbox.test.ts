import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import TencentCloudChat from 'tidings';
import { createNodePlatform } from '../../adapters/node';
import { memoryStorage, type PlatformStorage } from '../../plugin/platform';
import type { MessageSendResult } from '../../plugin/types';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { destroyAll, nextEvent, readyChat, until, type Chat } from '../helpers/sdk';

/**
 * The outbox against the real server process: sends made while the server is down wait and go out
 * once, with their ID, when it is back; what waited survives the SDK instance through its storage.
 */
let server: ServerProcess;
const { TYPES, EVENT } = TencentCloudChat;
const chats: Chat[] = [];

beforeEach(async () => {
  server = await ServerProcess.start();
});

afterEach(async () => {
  await destroyAll();
  await Promise.all(chats.splice(0).map((chat) => chat.destroy()));
  await server.close();
});

/** A chat on the node platform whose storage outlives it, as wx storage outlives a killed mini-program. */
async function chatWithStorage(
  userID: string,
  storage: PlatformStorage,
  onCreate: (chat: Chat) => void = () => undefined,
) {
  const chat = TencentCloudChat.create({
    SDKAppID: TEST_SDKAPPID,
    serverURL: server.url,
    platform: { ...createNodePlatform(), storage },
  });
  chats.push(chat);
  onCreate(chat);
  const ready = nextEvent(chat, EVENT.SDK_READY, 15_000);
  await chat.login({ userID, userSig: server.userSig(userID) });
  await ready;
  return chat;
}

/** Waits until `condition` (which may ask the server) holds. */
async function eventually(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await condition().catch(() => false));) {
    if (Date.now() > end) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const stored = (storage: PlatformStorage) => storage.getItem(`tidings:outbox:${TEST_SDKAPPID}:alice`);

async function history(chat: Chat, conversationID: string) {
  const { data } = await chat.getMessageList({ conversationID });
  return data.messageList.filter((message) => message.status === 'success');
}

test('a message sent while the server is down goes out when it is back: once, with its ID', async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob');
  await server.kill();
  const message = alice.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'later' } });
  const sending = alice.sendMessage(message);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(message.status).toBe('unSend');

  await server.restart();
  await expect(sending).resolves.toEqual({ code: 0, data: { message } });
  expect(message.status).toBe('success');
  await eventually(async () => (await history(bob, 'C2Calice')).length > 0);
  const bobSees = await history(bob, 'C2Calice');
  expect(bobSees.map((shown) => [shown.ID, shown.payload.text])).toEqual([[message.ID, 'later']]);
}, 60_000);

test('what waited survives the SDK instance: the next one on the same storage sends it and reports MESSAGE_SEND_RESULT', async () => {
  const storage = memoryStorage();
  const before = await chatWithStorage('alice', storage);
  await server.kill();
  const message = before.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'kept' } });
  const abandoned = before.sendMessage(message).catch((error: { code: number }) => error.code);
  await eventually(async () => (await stored(storage)) !== null);
  // The app is killed: the instance goes, its storage stays.
  await before.destroy();
  expect(await abandoned).toBe(2999);

  await server.restart();
  const results: MessageSendResult[] = [];
  const after = await chatWithStorage('alice', storage, (chat) =>
    chat.on(EVENT.MESSAGE_SEND_RESULT, ({ data }) => results.push(data)),
  );
  await until(() => results.length === 1, 10_000);
  expect(results[0]).toMatchObject({ code: 0, message: { ID: message.ID, status: 'success' } });
  expect((await history(after, 'C2Cbob')).map((shown) => shown.ID)).toEqual([message.ID]);
  expect(await stored(storage)).toBeNull();
}, 60_000);

test('a waiting file message is uploaded after an SDK restart when its file is still there, and fails with 2400 when it is gone', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'outbox-'));
  try {
    const kept = join(folder, 'kept.txt');
    const gone = join(folder, 'gone.txt');
    writeFileSync(kept, 'x'.repeat(100_000));
    writeFileSync(gone, 'y'.repeat(1000));
    const storage = memoryStorage();
    const before = await chatWithStorage('alice', storage);
    await server.kill();
    const file = (path: string) =>
      before.createFileMessage({
        to: 'bob',
        conversationType: TYPES.CONV_C2C,
        payload: { file: { tempFiles: [{ path, size: statSync(path).size, name: basename(path) }] } },
      });
    const keptMessage = file(kept);
    const goneMessage = file(gone);
    void before.sendMessage(keptMessage).catch(() => undefined);
    void before.sendMessage(goneMessage).catch(() => undefined);
    await eventually(async () => (await stored(storage)) !== null);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await before.destroy();
    rmSync(gone);

    await server.restart();
    const results: MessageSendResult[] = [];
    await chatWithStorage('alice', storage, (chat) =>
      chat.on(EVENT.MESSAGE_SEND_RESULT, ({ data }) => results.push(data)),
    );
    await until(() => results.length === 2, 15_000);
    const byID = new Map(results.map((result) => [result.message.ID, result]));
    expect(byID.get(keptMessage.ID)).toMatchObject({ code: 0, message: { payload: { fileName: 'kept.txt' } } });
    expect(byID.get(goneMessage.ID)).toMatchObject({ code: 2400, message: { status: 'fail' } });
    expect(byID.get(goneMessage.ID)?.errorMessage).toMatch(/gone/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 60_000);

test('a burst of group messages queued while the server was down is paced after the reconnect: none dropped', async () => {
  const alice = await readyChat(server, 'alice');
  await alice.createGroup({ name: 'burst', type: TYPES.GRP_PUBLIC, groupID: 'burst1' });
  await server.kill();
  const messages = Array.from({ length: 70 }, (_, i) =>
    alice.createTextMessage({ to: 'burst1', conversationType: TYPES.CONV_GROUP, payload: { text: `m${i}` } }),
  );
  const sending = Promise.all(messages.map((message) => alice.sendMessage(message)));
  await server.restart();
  await sending;
  // Past 40 a second the server would have answered success with sequence 0 and stored nothing.
  expect(messages.filter((message) => message.sequence === 0)).toEqual([]);
  const first = messages[0].sequence;
  expect(messages.map((message) => message.sequence)).toEqual(messages.map((_, i) => first + i));
  const { data } = await alice.getMessageList({ conversationID: 'GROUPburst1' });
  expect(data.messageList.at(-1)?.sequence).toBe(first + messages.length - 1);
}, 60_000);
