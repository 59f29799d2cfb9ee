import { EVENT } from '../../protocol/constants';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { GROUP_SEND_PER_SECOND, OUTBOX_MAX_MESSAGES } from '../../protocol/limits';
import type { RequestFrame } from '../../protocol/frames';
import type { WireMessage } from '../../protocol/messages';
import { makeTencentCloudChat } from '../../plugin/namespace';
import { GroupPacer } from '../../plugin/outbox/pacer';
import { storageKey } from '../../plugin/outbox/stored';
import type { MessageSendResult, MessageStatusChange } from '../../plugin/types';
import { FakePlatform, flush } from './fake-platform';

const SDKAppID = 1400000001;

/** A fake server that can be taken off line: while `online` is false every new socket closes at once. */
function fakeServer(platform = new FakePlatform()) {
  const server = { online: true, sends: [] as RequestFrame[], answerSends: true, dropNextGroupSends: 0 };
  const sequences = new Map<string, number>();
  platform.onSocket = (socket) => {
    queueMicrotask(() => (server.online ? socket.open() : socket.serverClose(1006)));
    socket.onRequest = (frame) => {
      if (frame.op === 'login') return socket.reply(frame, { userID: 'alice', serverTime: Date.now() });
      if (frame.op === 'getConversationList') return socket.reply(frame, { conversationList: [] });
      if (frame.op === 'getMessageList')
        return socket.reply(frame, { messageList: [], nextReqMessageID: '', isCompleted: true });
      if (frame.op === 'send') {
        server.sends.push(frame);
        if (!server.answerSends) return;
        const d = frame.d as WireMessage;
        if (d.conversationType === 'GROUP' && server.dropNextGroupSends > 0) {
          server.dropNextGroupSends -= 1;
          // The group limit's answer: success, nothing stored.
          return socket.reply(frame, { ...d, from: 'alice', time: 1234, sequence: 0 });
        }
        const sequence = sequences.get(d.ID) ?? sequences.size + 1;
        sequences.set(d.ID, sequence);
        return socket.reply(frame, { ...d, from: 'alice', time: 1234, sequence });
      }
      socket.reply(frame, {});
    };
  };
  return { platform, server };
}

async function loggedIn(platform: FakePlatform, options: { sendTimeout?: number } = {}) {
  const chat = makeTencentCloudChat(() => platform).create({ SDKAppID, serverURL: 'http://server.test/', ...options });
  const statuses: Array<{ ID: string; status: string }> = [];
  const results: MessageSendResult[] = [];
  chat.on(EVENT.MESSAGE_STATUS_CHANGED, ({ data }: { data: MessageStatusChange }) =>
    statuses.push({ ID: data.message.ID, status: data.message.status }),
  );
  chat.on(EVENT.MESSAGE_SEND_RESULT, ({ data }: { data: MessageSendResult }) => results.push(data));
  const login = chat.login({ userID: 'alice', userSig: 'sig' });
  await advance(0);
  await login;
  return { chat, statuses, results };
}

/** Runs fake timers and the promise callbacks they start. */
async function advance(ms: number) {
  await flush();
  jest.advanceTimersByTime(ms);
  await flush();
  await flush();
}

async function goOffline(platform: FakePlatform, server: { online: boolean }) {
  server.online = false;
  platform.last.serverClose(1006);
  await advance(0);
}

async function comeBack(server: { online: boolean }) {
  server.online = true;
  for (let i = 0; i < 30; i++) await advance(1000);
}

const sentIDs = (sends: RequestFrame[]) => sends.map((frame) => (frame.d as WireMessage).ID);

beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

describe('the outbox', () => {
  test('a message sent while the socket is down waits as unSend and goes out, in order and with its ID, when it is back', async () => {
    const { platform, server } = fakeServer();
    const { chat, statuses } = await loggedIn(platform);
    await goOffline(platform, server);
    const first = chat.createTextMessage({ to: 'bob', conversationType: 'C2C', payload: { text: 'one' } });
    const second = chat.createTextMessage({ to: 'bob', conversationType: 'C2C', payload: { text: 'two' } });
    const sending = [chat.sendMessage(first), chat.sendMessage(second)];
    await advance(0);
    expect([first.status, second.status]).toEqual(['unSend', 'unSend']);
    expect(server.sends).toEqual([]);
    const stored = await platform.storage.getItem(storageKey(SDKAppID, 'alice'));
    const { entries } = JSON.parse(stored ?? '{}') as { entries: Array<{ message: { ID: string } }> };
    expect(entries.map((entry) => entry.message.ID)).toEqual([first.ID, second.ID]);

    await comeBack(server);
    await expect(Promise.all(sending)).resolves.toEqual([
      { code: 0, data: { message: first } },
      { code: 0, data: { message: second } },
    ]);
    expect(sentIDs(server.sends)).toEqual([first.ID, second.ID]);
    expect([first.status, second.status]).toEqual(['success', 'success']);
    expect(statuses).toEqual([
      { ID: first.ID, status: 'unSend' },
      { ID: second.ID, status: 'unSend' },
      { ID: first.ID, status: 'success' },
      { ID: second.ID, status: 'success' },
    ]);
    expect(await platform.storage.getItem(storageKey(SDKAppID, 'alice'))).toBeNull();
  });

  test('past sendTimeout it rejects with 2801 and the failed message; resendMessage puts it back with its options', async () => {
    const { platform, server } = fakeServer();
    const { chat, statuses } = await loggedIn(platform, { sendTimeout: 5000 });
    await goOffline(platform, server);
    const message = chat.createTextMessage({ to: 'bob', conversationType: 'C2C', payload: { text: 'late' } });
    const sending = chat.sendMessage(message).catch((error: unknown) => error);
    await advance(5000);
    const error = (await sending) as ChatError;
    expect(error).toBeInstanceOf(ChatError);
    expect(error.code).toBe(ErrorCode.NETWORK_TIMEOUT);
    expect(error.data).toEqual({ message });
    expect(message.status).toBe('fail');
    expect(statuses.at(-1)).toEqual({ ID: message.ID, status: 'fail' });
    expect(await platform.storage.getItem(storageKey(SDKAppID, 'alice'))).toBeNull();

    await comeBack(server);
    expect(server.sends).toEqual([]);
    await expect(chat.resendMessage(message, { onlineUserOnly: true })).resolves.toEqual({
      code: 0,
      data: { message },
    });
    expect(sentIDs(server.sends)).toEqual([message.ID]);
    expect(server.sends[0].d).toMatchObject({ onlineUserOnly: true });
  });

  test('what waited survives the instance: the next login of the same user sends it and reports MESSAGE_SEND_RESULT', async () => {
    const { platform, server } = fakeServer();
    const before = await loggedIn(platform);
    await goOffline(platform, server);
    const message = before.chat.createTextMessage({ to: 'bob', conversationType: 'C2C', payload: { text: 'kept' } });
    const abandoned = before.chat.sendMessage(message).catch((error: unknown) => error);
    await advance(0);
    // The app is killed; a new instance starts on the same storage.
    await before.chat.destroy();
    expect(((await abandoned) as ChatError).code).toBe(ErrorCode.SDK_NOT_READY);
    server.online = true;
    server.answerSends = false;
    const after = await loggedIn(platform);
    await advance(0);
    expect(sentIDs(server.sends)).toEqual([message.ID]);
    const list = await after.chat.getMessageList({ conversationID: 'C2Cbob' });
    expect(list.data.messageList.map((shown) => [shown.ID, shown.status])).toEqual([[message.ID, 'unSend']]);

    server.answerSends = true;
    platform.last.serverClose(1006);
    await comeBack(server);
    expect(sentIDs(server.sends)).toEqual([message.ID, message.ID]);
    expect(after.results).toEqual([
      { message: expect.objectContaining({ ID: message.ID, status: 'success' }), code: 0 },
    ]);
    expect(after.statuses.map((change) => change.status)).toEqual(['unSend', 'success']);
    expect(await platform.storage.getItem(storageKey(SDKAppID, 'alice'))).toBeNull();
  });

  test('past the bound a send is refused at once with 90015 rather than kept only in memory', async () => {
    const { platform, server } = fakeServer();
    const { chat } = await loggedIn(platform);
    await goOffline(platform, server);
    const text = (i: number) =>
      chat.createTextMessage({ to: 'bob', conversationType: 'C2C', payload: { text: `${i}` } });
    for (let i = 0; i < OUTBOX_MAX_MESSAGES; i++) void chat.sendMessage(text(i)).catch(() => undefined);
    const over = text(OUTBOX_MAX_MESSAGES);
    const error = (await chat.sendMessage(over).catch((caught: unknown) => caught)) as ChatError;
    expect(error.code).toBe(ErrorCode.OUTBOX_FULL);
    expect(error.message).toMatch(/outbox is full/);
    expect(over.status).toBe('fail');
    await chat.logout();
  });

  test('a burst of queued group messages is paced under the group limit after a reconnect', async () => {
    const { platform, server } = fakeServer();
    const { chat } = await loggedIn(platform);
    await goOffline(platform, server);
    const messages = Array.from({ length: 45 }, (_, i) =>
      chat.createTextMessage({ to: 'team', conversationType: 'GROUP', payload: { text: `${i}` } }),
    );
    const sending = Promise.all(messages.map((message) => chat.sendMessage(message)));
    server.online = true;
    await advance(10_000);
    const firstSecond = server.sends.length;
    expect(firstSecond).toBeLessThanOrEqual(GROUP_SEND_PER_SECOND);
    for (let i = 0; i < 10; i++) await advance(1000);
    await sending;
    expect(sentIDs(server.sends)).toEqual(messages.map((message) => message.ID));
  });
});

describe('a group send the server dropped for its 40/s budget (success with sequence 0)', () => {
  test('is sent again with its ID until stored, and only then resolves', async () => {
    const { platform, server } = fakeServer();
    const { chat } = await loggedIn(platform);
    server.dropNextGroupSends = 2;
    const message = chat.createTextMessage({ to: 'team', conversationType: 'GROUP', payload: { text: 'hi' } });
    let settled = false;
    const sending = chat.sendMessage(message).then(() => (settled = true));
    await advance(0);
    expect(settled).toBe(false);
    expect(message.status).toBe('unSend');
    for (let i = 0; i < 3; i++) await advance(1000);
    await sending;
    expect(sentIDs(server.sends)).toEqual([message.ID, message.ID, message.ID]);
    expect(message).toMatchObject({ status: 'success', sequence: 1 });
  });

  test('an onlineUserOnly group message is never stored, so sequence 0 is its success', async () => {
    const { platform, server } = fakeServer();
    const { chat } = await loggedIn(platform);
    server.dropNextGroupSends = 1;
    const message = chat.createTextMessage({ to: 'team', conversationType: 'GROUP', payload: { text: 'hi' } });
    const sending = chat.sendMessage(message, { onlineUserOnly: true });
    await advance(0);
    await sending;
    expect(server.sends).toHaveLength(1);
    expect(message).toMatchObject({ status: 'success', sequence: 0 });
  });
});

describe('GroupPacer', () => {
  test('lets perSecond sends through, then asks to wait until the oldest is a second old', () => {
    let now = 1000;
    const pacer = new GroupPacer(3, () => now);
    for (let i = 0; i < 3; i++) {
      expect(pacer.delayFor('GROUPg')).toBe(0);
      pacer.record('GROUPg');
      now += 100;
    }
    expect(pacer.delayFor('GROUPg')).toBe(700);
    expect(pacer.delayFor('GROUPother')).toBe(0);
    now += 700;
    expect(pacer.delayFor('GROUPg')).toBe(0);
  });
});
