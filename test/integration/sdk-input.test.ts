import TencentCloudChat, { ChatError } from 'tidings';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { createChat, destroyAll, inbox, nextEvent, readyChat } from '../helpers/sdk';

/** What the SDK refuses, with which code, and that nothing reaches the server or the peer. */
let server: ServerProcess;

beforeAll(async () => {
  server = await ServerProcess.start();
});

afterEach(destroyAll);

afterAll(async () => {
  await server.close();
});

async function rejection(promise: Promise<unknown>): Promise<ChatError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    expect(error).toBeInstanceOf(Error);
    return error as ChatError;
  }
  throw new Error('expected a rejection');
}

function thrown(run: () => unknown): ChatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return error as ChatError;
  }
  throw new Error('expected a throw');
}

const text = (chat: ReturnType<typeof createChat>, body: string, to = 'bob') =>
  chat.createTextMessage({ to, conversationType: TencentCloudChat.TYPES.CONV_C2C, payload: { text: body } });

describe('sendMessage', () => {
  test('before login → 2999, and the message is marked failed', async () => {
    const chat = createChat(server);
    const message = text(chat, 'too early');
    const error = await rejection(chat.sendMessage(message));
    expect(error.code).toBe(2999);
    expect(error.message).toMatch(/SDK_READY|login/);
    expect(message.status).toBe('fail');
  });

  test('after logout → 2999', async () => {
    const chat = await readyChat(server, 'alice');
    await chat.logout();
    expect((await rejection(chat.sendMessage(text(chat, 'late')))).code).toBe(2999);
  });

  test.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'hello'],
    [
      'a plain object shaped like a message',
      { ID: 'x', type: 'TIMTextElem', to: 'bob', conversationType: 'C2C', payload: { text: 'hi' } },
    ],
  ])('%s instead of a message → 2105', async (_name, notAMessage) => {
    const chat = await readyChat(server, 'alice');
    const error = await rejection(chat.sendMessage(notAMessage as never));
    expect(error.code).toBe(2105);
    expect(error.message).toMatch(/create\w*Message/);
  });

  test('a text over 12 KB → 80002 from the SDK; nothing reaches the server or the peer', async () => {
    const alice = await readyChat(server, 'alice');
    const bob = await readyChat(server, 'bob');
    const bobInbox = inbox(bob);
    const message = text(alice, '長'.repeat(4097));
    const error = await rejection(alice.sendMessage(message));
    expect(error.code).toBe(80002);
    expect(error.message).toMatch(/12288/);
    expect(message.status).toBe('fail');
    const ok = await alice.sendMessage(text(alice, 'small one'));
    expect(ok.data.message.sequence).toBe(1);
    expect((await bob.getMessageList({ conversationID: 'C2Calice' })).data.messageList).toHaveLength(1);
    expect(bobInbox.map((m) => m.payload.text)).toEqual(['small one']);
  });

  test('exactly 12 KB of body is accepted', async () => {
    const alice = await readyChat(server, 'alice');
    const overhead = JSON.stringify({ text: '' }).length;
    const result = await alice.sendMessage(text(alice, 'x'.repeat(12 * 1024 - overhead), 'carol'));
    expect(result.data.message.status).toBe('success');
  });

  test('a failed message sent again keeps its ID and is stored once', async () => {
    const alice = await readyChat(server, 'alice');
    const message = text(alice, 'retry me', 'dave');
    const first = await alice.sendMessage(message);
    const again = await alice.sendMessage(message);
    expect(again.data.message.ID).toBe(first.data.message.ID);
    expect(again.data.message.sequence).toBe(1);
    const dave = await readyChat(server, 'dave');
    expect((await dave.getMessageList({ conversationID: 'C2Calice' })).data.messageList).toHaveLength(1);
  });
});

describe('createTextMessage', () => {
  const chat = () => createChat(server);
  test.each([
    ['no options', undefined, /options/],
    ['no to', { conversationType: 'C2C', payload: { text: 'hi' } }, /to/],
    ['to as a number', { to: 7, conversationType: 'C2C', payload: { text: 'hi' } }, /to/],
    ['to as an object', { to: {}, conversationType: 'C2C', payload: { text: 'hi' } }, /to/],
    [
      'an unknown conversation type',
      { to: 'bob', conversationType: 'P2P', payload: { text: 'hi' } },
      /conversationType/,
    ],
    ['no payload', { to: 'bob', conversationType: 'C2C' }, /payload/],
    ['text as a number', { to: 'bob', conversationType: 'C2C', payload: { text: 42 } }, /text/],
    [
      'an unknown priority',
      { to: 'bob', conversationType: 'C2C', payload: { text: 'hi' }, priority: 'Urgent' },
      /priority/,
    ],
    [
      'cloudCustomData as an object',
      { to: 'bob', conversationType: 'C2C', payload: { text: 'hi' }, cloudCustomData: {} },
      /cloudCustomData/,
    ],
  ])('%s → 90003 naming the field', (_name, options, field) => {
    const error = thrown(() => chat().createTextMessage(options as never));
    expect(error.code).toBe(90003);
    expect(error.message).toMatch(field);
  });

  test('the system conversation: the message is made; sendMessage rejects it with 2106', async () => {
    const ready = await readyChat(server, 'alice');
    const message = ready.createTextMessage({
      to: 'x',
      conversationType: TencentCloudChat.TYPES.CONV_SYSTEM,
      payload: { text: 'hi' },
    });
    await expect(ready.sendMessage(message)).rejects.toMatchObject({ code: 2106 });
  });
});

describe('login', () => {
  test.each([
    ['a userSig for someone else', () => server.userSig('mallory'), 3001],
    ['a made-up userSig', () => 'eyJhbGciOi.nope', 3001],
    ['an expired userSig', () => server.userSig('alice', { issuedAt: 1_000_000, expire: 60 }), 70001],
  ])('%s is refused and the SDK stays not ready', async (_name, userSig, code) => {
    const chat = createChat(server);
    let readyFired = false;
    chat.on(TencentCloudChat.EVENT.SDK_READY, () => (readyFired = true));
    const error = await rejection(chat.login({ userID: 'alice', userSig: userSig() }));
    expect(error.code).toBe(code);
    expect(chat.isReady()).toBe(false);
    expect(readyFired).toBe(false);
  });

  test('create refuses a missing SDKAppID or a serverURL that is not http(s)', () => {
    expect(thrown(() => TencentCloudChat.create({ SDKAppID: 0, serverURL: server.url })).code).toBe(90003);
    expect(thrown(() => TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL: 'ftp://x' })).message).toMatch(
      /serverURL/,
    );
  });
});

describe('other calls', () => {
  test('getMessageList with a bad conversationID → 90003', async () => {
    const chat = await readyChat(server, 'alice');
    expect((await rejection(chat.getMessageList({ conversationID: 'alice' }))).code).toBe(90003);
  });

  test('calls before login → 2999', async () => {
    const chat = createChat(server);
    expect((await rejection(chat.getConversationList())).code).toBe(2999);
    expect((await rejection(chat.getMessageList({ conversationID: 'C2Cbob' }))).code).toBe(2999);
    expect((await rejection(chat.setMessageRead({ conversationID: 'C2Cbob' }))).code).toBe(2999);
  });
});

describe('when the server goes away', () => {
  test('a request fails fast with 2800 instead of hanging; a send waits in the outbox until sendTimeout, then 2801', async () => {
    const own = await ServerProcess.start();
    const chat = TencentCloudChat.create({ SDKAppID: TEST_SDKAPPID, serverURL: own.url, sendTimeout: 1000 });
    const ready = nextEvent(chat, TencentCloudChat.EVENT.SDK_READY);
    await chat.login({ userID: 'alice', userSig: own.userSig('alice') });
    await ready;
    const states: string[] = [];
    chat.on(TencentCloudChat.EVENT.NET_STATE_CHANGE, ({ data }) => states.push((data as { state: string }).state));
    await own.kill();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(states[0]).toBe(TencentCloudChat.TYPES.NET_STATE_DISCONNECTED);
    let started = Date.now();
    expect(
      (await rejection(chat.getConversationList().then(() => chat.setMessageRead({ conversationID: 'C2Cbob' })))).code,
    ).toBe(2800);
    expect(Date.now() - started).toBeLessThan(2000);
    started = Date.now();
    const message = text(chat, 'anyone?');
    const error = await rejection(chat.sendMessage(message));
    expect(error.code).toBe(2801);
    expect(message.status).toBe('fail');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(3000);
    await chat.destroy();
    await own.close();
  });
});
