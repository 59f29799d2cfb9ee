import { EVENT, TYPES } from '../../protocol/constants';
import { ChatError } from '../../protocol/errors';
import { Message } from '../../plugin/message';
import { makeTencentCloudChat } from '../../plugin/namespace';
import type { RequestFrame } from '../../protocol/frames';
import type { WireMessage } from '../../protocol/messages';
import { FakePlatform, flush, type FakeSocket } from './fake-platform';

/** The Chat class over a fake server that answers each op the way docs/protocol.md says. */
function setup(options: { serverClockAheadMs?: number; loginCode?: number } = {}) {
  const platform = new FakePlatform();
  const sequences = new Map<string, number>();
  const answers: Partial<Record<string, (frame: RequestFrame, socket: FakeSocket) => void>> = {};
  platform.onSocket = (socket) => {
    queueMicrotask(() => socket.open());
    socket.onRequest = (frame) => {
      const custom = answers[frame.op];
      if (custom) return custom(frame, socket);
      if (frame.op === 'login') {
        if (options.loginCode) return socket.reply(frame, undefined, options.loginCode, 'refused');
        return socket.reply(frame, { userID: 'alice', serverTime: Date.now() + (options.serverClockAheadMs ?? 0) });
      }
      if (frame.op === 'getConversationList') return socket.reply(frame, { conversationList: [] });
      if (frame.op === 'send') {
        const d = frame.d as WireMessage;
        const sequence = sequences.get(d.ID) ?? sequences.size + 1;
        sequences.set(d.ID, sequence);
        return socket.reply(frame, { ...d, from: 'alice', time: 1234, sequence });
      }
      socket.reply(frame, {});
    };
  };
  const TencentCloudChat = makeTencentCloudChat(() => platform);
  const chat = TencentCloudChat.create({ SDKAppID: 1400000001, serverURL: 'http://server.test/' });
  const events: Array<{ name: string; data: unknown }> = [];
  // The outbox's own events are tested in outbox.test.ts.
  const outboxEvents: string[] = [EVENT.MESSAGE_STATUS_CHANGED, EVENT.MESSAGE_SEND_RESULT];
  for (const name of Object.values(EVENT))
    if (!outboxEvents.includes(name)) chat.on(name, (event) => events.push(event));
  return { platform, chat, events, answers, TencentCloudChat };
}

const push = (socket: FakeSocket, message: Partial<WireMessage>) =>
  socket.deliver({
    t: 'push',
    ev: 'message',
    d: {
      ID: 'pushed-1',
      type: 'TIMTextElem',
      conversationType: 'C2C',
      to: 'alice',
      from: 'bob',
      payload: { text: 'hi alice' },
      priority: 'Normal',
      cloudCustomData: '',
      needReadReceipt: false,
      isSupportExtension: false,
      time: 100,
      sequence: 1,
      ...message,
    },
  });

describe('Chat', () => {
  test('login sends the login op, loads conversations, then emits SDK_READY', async () => {
    const { chat, platform, events } = setup({ serverClockAheadMs: 100_000 });
    await expect(chat.login({ userID: 'alice', userSig: 'sig' })).resolves.toEqual({
      code: 0,
      data: { repeatLogin: false },
    });
    expect(platform.last.url).toBe('ws://server.test/ws');
    expect(platform.last.sent.map((f) => f.op)).toEqual(['login', 'getConversationList']);
    expect(platform.last.sent[0].d).toEqual({
      SDKAppID: 1400000001,
      userID: 'alice',
      userSig: 'sig',
      protocolVersion: 1,
    });
    expect(events.map((e) => e.name)).toEqual([EVENT.NET_STATE_CHANGE, EVENT.NET_STATE_CHANGE, EVENT.SDK_READY]);
    expect(chat.isReady()).toBe(true);
    expect(chat.getLoginUser()).toBe('alice');
    expect(Math.abs(chat.getServerTime() - Math.floor((Date.now() + 100_000) / 1000))).toBeLessThanOrEqual(1);
    await expect(chat.login({ userID: 'alice', userSig: 'sig' })).resolves.toEqual({
      code: 0,
      data: { repeatLogin: true },
    });
  });

  test('a refused login rejects with its code, stays not ready and emits no SDK_READY', async () => {
    const { chat, events } = setup({ loginCode: 70001 });
    const error = await chat.login({ userID: 'alice', userSig: 'old' }).catch((e: ChatError) => e);
    expect(error).toBeInstanceOf(ChatError);
    expect((error as ChatError).code).toBe(70001);
    expect(chat.isReady()).toBe(false);
    expect(chat.getLoginUser()).toBe('');
    expect(events.map((e) => e.name)).not.toContain(EVENT.SDK_READY);
  });

  test('login validates its options with 90003', async () => {
    const { chat } = setup();
    await expect(chat.login({ userID: '', userSig: 'x' })).rejects.toMatchObject({
      code: 90003,
      message: expect.stringMatching(/userID/),
    });
    await expect(chat.login({ userID: 'a', userSig: 5 as never })).rejects.toMatchObject({
      code: 90003,
      message: expect.stringMatching(/userSig/),
    });
  });

  test('sendMessage updates the same object in place and emits no MESSAGE_RECEIVED', async () => {
    const { chat, events } = setup();
    await chat.login({ userID: 'alice', userSig: 'sig' });
    events.length = 0;
    const message = chat.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'hi' } });
    const response = await chat.sendMessage(message);
    expect(response).toEqual({ code: 0, data: { message } });
    expect(response.data.message).toBe(message);
    expect(message).toMatchObject({
      status: 'success',
      from: 'alice',
      time: 1234,
      sequence: 1,
      conversationID: 'C2Cbob',
      flow: 'out',
    });
    expect(events.map((e) => e.name)).toEqual([EVENT.CONVERSATION_LIST_UPDATED]);
  });

  test('the draft on the wire has the fields of docs/protocol.md and no from', async () => {
    const { chat, platform } = setup();
    await chat.login({ userID: 'alice', userSig: 'sig' });
    const message = chat.createTextMessage({
      to: 'bob',
      conversationType: TYPES.CONV_C2C,
      payload: { text: 'hi' },
      cloudCustomData: 'cd',
    });
    await chat.sendMessage(message);
    expect(platform.last.sent.at(-1)!.d).toEqual({
      ID: message.ID,
      type: 'TIMTextElem',
      conversationType: 'C2C',
      to: 'bob',
      payload: { text: 'hi' },
      priority: 'Normal',
      cloudCustomData: 'cd',
      needReadReceipt: false,
      isSupportExtension: false,
    });
  });

  test('a failed send marks the message failed, rejects with data.message, and a retry sends the same ID', async () => {
    const { chat, platform, answers } = setup();
    await chat.login({ userID: 'alice', userSig: 'sig' });
    answers.send = (frame, socket) => socket.reply(frame, undefined, 90500, 'try again');
    const message = chat.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'hi' } });
    const error = (await chat.sendMessage(message).catch((e: ChatError) => e)) as ChatError;
    expect([error.code, error.message]).toEqual([90500, 'try again']);
    expect(error.data).toEqual({ message });
    expect(message.status).toBe('fail');
    delete answers.send;
    await chat.sendMessage(message);
    const sends = platform.last.sent.filter((f) => f.op === 'send');
    expect(sends.map((f) => (f.d as WireMessage).ID)).toEqual([message.ID, message.ID]);
    expect(message.status).toBe('success');
  });

  test('sendMessage refuses before sending: 2999, 2105, 80002, 2106', async () => {
    const { chat, platform } = setup();
    const early = chat.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'hi' } });
    await expect(chat.sendMessage(early)).rejects.toMatchObject({ code: 2999 });
    expect(early.status).toBe('fail');
    await chat.login({ userID: 'alice', userSig: 'sig' });
    await expect(chat.sendMessage({ ...early } as Message)).rejects.toMatchObject({ code: 2105 });
    const big = chat.createTextMessage({
      to: 'bob',
      conversationType: TYPES.CONV_C2C,
      payload: { text: 'x'.repeat(12 * 1024) },
    });
    await expect(chat.sendMessage(big)).rejects.toMatchObject({ code: 80002, message: expect.stringMatching(/12288/) });
    const system = chat.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'hi' } });
    system.conversationType = TYPES.CONV_SYSTEM;
    await expect(chat.sendMessage(system)).rejects.toMatchObject({ code: 2106 });
    expect(platform.last.sent.filter((f) => f.op === 'send')).toHaveLength(0);
  });

  test('a pushed message: MESSAGE_RECEIVED, then CONVERSATION_LIST_UPDATED, then TOTAL_UNREAD_MESSAGE_COUNT_UPDATED', async () => {
    const { chat, platform, events } = setup();
    await chat.login({ userID: 'alice', userSig: 'sig' });
    events.length = 0;
    push(platform.last, {});
    expect(events.map((e) => e.name)).toEqual([
      EVENT.MESSAGE_RECEIVED,
      EVENT.CONVERSATION_LIST_UPDATED,
      EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED,
    ]);
    const [received] = events[0].data as Message[];
    expect(received).toBeInstanceOf(Message);
    expect(received).toMatchObject({ ID: 'pushed-1', flow: 'in', status: 'success', conversationID: 'C2Cbob' });
    expect(events[2].data).toBe(1);
    expect(chat.getTotalUnreadMessageCount()).toBe(1);
  });

  test("a push of the user's own message from another device arrives as flow out and adds no unread", async () => {
    const { chat, platform, events } = setup();
    await chat.login({ userID: 'alice', userSig: 'sig' });
    events.length = 0;
    push(platform.last, { from: 'alice', to: 'bob' });
    expect(events.map((e) => e.name)).toEqual([EVENT.MESSAGE_RECEIVED, EVENT.CONVERSATION_LIST_UPDATED]);
    expect((events[0].data as Message[])[0]).toMatchObject({ flow: 'out', conversationID: 'C2Cbob' });
    expect(chat.getTotalUnreadMessageCount()).toBe(0);
  });

  test('setMessageRead clears the unread count and emits both update events', async () => {
    const { chat, platform, events } = setup();
    await chat.login({ userID: 'alice', userSig: 'sig' });
    push(platform.last, {});
    events.length = 0;
    await expect(chat.setMessageRead({ conversationID: 'C2Cbob' })).resolves.toEqual({ code: 0, data: {} });
    expect(events.map((e) => e.name)).toEqual([
      EVENT.CONVERSATION_LIST_UPDATED,
      EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED,
    ]);
    expect(chat.getTotalUnreadMessageCount()).toBe(0);
    await expect(chat.setMessageRead({ conversationID: 'bob' })).rejects.toMatchObject({ code: 90003 });
  });

  test('logout emits SDK_NOT_READY; destroy drops listeners and makes the instance unusable', async () => {
    const { chat, events } = setup();
    await chat.login({ userID: 'alice', userSig: 'sig' });
    await expect(chat.logout()).resolves.toEqual({ code: 0, data: {} });
    expect(events.at(-1)!.name).toBe(EVENT.SDK_NOT_READY);
    await chat.login({ userID: 'alice', userSig: 'sig' });
    events.length = 0;
    await chat.destroy();
    expect(events.map((e) => e.name)).toEqual([EVENT.NET_STATE_CHANGE, EVENT.SDK_NOT_READY]);
    expect(chat.isReady()).toBe(false);
    await expect(chat.login({ userID: 'alice', userSig: 'sig' })).rejects.toMatchObject({ code: 2999 });
  });

  test('on() returns an unsubscribe function; unknown event names are ignored', async () => {
    const { chat } = setup();
    const handler = jest.fn();
    const off = chat.on(EVENT.SDK_READY, handler);
    off();
    expect(chat.on('noSuchEvent', handler)).toEqual(expect.any(Function));
    await chat.login({ userID: 'alice', userSig: 'sig' });
    expect(handler).not.toHaveBeenCalled();
  });

  test('an ERROR event carries { code, message } of an error frame', async () => {
    const { chat, platform, events } = setup();
    await chat.login({ userID: 'alice', userSig: 'sig' });
    platform.last.deliver({ t: 'error', code: 90001, msg: 'bad frame' });
    expect(events.at(-1)).toEqual({ name: EVENT.ERROR, data: { code: 90001, message: 'bad frame' } });
  });

  test('after a reconnect whose re-login says the userSig expired: KICKED_OUT then SDK_NOT_READY', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask'] });
    try {
      const { chat, platform, events, answers } = setup();
      const loggingIn = chat.login({ userID: 'alice', userSig: 'sig' });
      await flush();
      await loggingIn;
      answers.login = (frame, socket) => socket.reply(frame, undefined, 70001, 'expired');
      platform.last.serverClose(1006);
      jest.advanceTimersByTime(1000);
      await flush();
      expect(platform.sockets).toHaveLength(2);
      expect(events.slice(-2)).toEqual([
        { name: EVENT.KICKED_OUT, data: { type: TYPES.KICKED_OUT_USERSIG_EXPIRED } },
        { name: EVENT.SDK_NOT_READY, data: undefined },
      ]);
      expect(chat.isReady()).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('namespace', () => {
  test('has create, TYPES and EVENT; create checks SDKAppID and serverURL', () => {
    const { TencentCloudChat } = setup();
    expect(TencentCloudChat.TYPES.MSG_TEXT).toBe('TIMTextElem');
    expect(TencentCloudChat.EVENT.MESSAGE_RECEIVED).toBe('onMessageReceived');
    expect(() => TencentCloudChat.create({ SDKAppID: 0, serverURL: 'http://x' })).toThrow(ChatError);
    expect(() => TencentCloudChat.create({ SDKAppID: 1, serverURL: 'ws://x' })).toThrow(/serverURL/);
  });
});
