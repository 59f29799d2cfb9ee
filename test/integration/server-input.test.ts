import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { RawClient } from '../helpers/raw-client';
import { textDraft } from '../helpers/wire-message';

/**
 * Raw frames that bypass the SDK. Each bad frame gets a clear answer, stores nothing,
 * and leaves the connection and the server working.
 */
let server: ServerProcess;
let alice: RawClient;
let bob: RawClient;

beforeAll(async () => {
  server = await ServerProcess.start();
  alice = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', server.userSig('alice'));
  bob = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'bob', server.userSig('bob'));
});

afterAll(async () => {
  alice?.close();
  bob?.close();
  await server?.close();
});

async function expectStillUsable(client: RawClient) {
  const pong = await client.request('ping', {});
  expect(pong).toMatchObject({ t: 'res', code: 0 });
}

async function expectNothingStored() {
  const history = await alice.request('getMessageList', { conversationID: 'C2Cbob' });
  expect(history).toMatchObject({ code: 0, d: { messageList: [], isCompleted: true } });
  // Only his own status (online) reaches bob: nothing from alice's refused sends.
  expect(bob.frames.filter((f) => f.t === 'push' && f.ev !== 'userStatus')).toEqual([]);
}

describe('frames that cannot be parsed get an error frame and the socket stays open', () => {
  test.each([
    ['not JSON', '{"t":"req",'],
    ['a JSON string', '"hello"'],
    ['a JSON array', '[1,2,3]'],
    ['null', 'null'],
    ['no id', '{"t":"req","op":"ping","d":{}}'],
    ['a negative id', '{"t":"req","id":-1,"op":"ping","d":{}}'],
    ['a fractional id', '{"t":"req","id":1.5,"op":"ping","d":{}}'],
    ['a string id', '{"t":"req","id":"7","op":"ping","d":{}}'],
  ])('%s → 90001', async (_name, frame) => {
    alice.sendRaw(frame);
    const answer = await alice.waitFor((f) => f.t === 'error');
    expect(answer).toMatchObject({ t: 'error', code: 90001 });
    expect((answer as { msg: string }).msg.length).toBeGreaterThan(10);
    await expectStillUsable(alice);
  });

  test('a binary frame → 90001', async () => {
    alice.sendRaw(Buffer.from([1, 2, 3]));
    expect(await alice.waitFor((f) => f.t === 'error')).toMatchObject({ code: 90001 });
    await expectStillUsable(alice);
  });
});

describe('requests the server does not know', () => {
  test('an unknown frame type → 90002 on its id', async () => {
    const answer = await alice.request('ping', {}, { t: 'subscribe' });
    expect(answer).toMatchObject({ t: 'res', code: 90002 });
    expect((answer as { msg: string }).msg).toMatch(/frame type/);
    await expectStillUsable(alice);
  });

  test.each(['deleteEverything', '__proto__', 'constructor', 'toString', ''])('operation %j → 90002', async (op) => {
    expect(await alice.request(op, {})).toMatchObject({ t: 'res', code: 90002 });
    await expectStillUsable(alice);
  });

  test('a request whose d is not an object → 90003', async () => {
    expect(await alice.request('getConversationList', 'all')).toMatchObject({ code: 90003 });
    expect(await alice.request('getConversationList', [1])).toMatchObject({ code: 90003 });
  });
});

describe('send frames with bad content store nothing', () => {
  afterEach(expectNothingStored);

  test.each([
    ['a missing ID', { ID: undefined }, 90003, /ID must be a string/],
    ['an ID with spaces', { ID: 'a b' }, 90003, /ID/],
    ['a numeric to', { to: 42 }, 90003, /to must be a non-empty string/],
    ['an empty to', { to: '' }, 90003, /to/],
    ['a hostile to', { to: '../../etc/passwd' }, 90003, /to/],
    ['an unknown conversation type', { conversationType: 'BROADCAST' }, 90003, /conversationType/],
    ['the system conversation', { conversationType: '@TIM#SYSTEM' }, 2106, /system conversation/],
    ['an unknown priority', { priority: 'Urgent' }, 90003, /priority/],
    ['a payload that is a string', { payload: 'hi' }, 90003, /payload must be an object/],
    ['a missing text', { payload: {} }, 90003, /text must be a string/],
    ['a text that is an object', { payload: { text: { toString: 'x' } } }, 90003, /text must be a string/],
    ['cloudCustomData that is a number', { cloudCustomData: 5 }, 90003, /cloudCustomData/],
    ['needReadReceipt as a string', { needReadReceipt: 'yes' }, 90003, /needReadReceipt/],
    ['an unsupported message type', { type: 'TIMMagicElem' }, 90003, /not supported/],
  ])('%s', async (_name, overrides, code, message) => {
    const answer = await alice.request('send', textDraft(overrides));
    expect(answer).toMatchObject({ t: 'res', code });
    expect((answer as { msg: string }).msg).toMatch(message);
  });

  test('a body over 12 KB → 80002 from the server as well', async () => {
    const answer = await alice.request('send', textDraft({ payload: { text: 'x'.repeat(12 * 1024) } }));
    expect(answer).toMatchObject({ code: 80002 });
    expect((answer as { msg: string }).msg).toMatch(/12288 bytes/);
  });

  test('multi-byte text is counted in UTF-8 bytes: 4,097 three-byte characters are over', async () => {
    expect(await alice.request('send', textDraft({ payload: { text: '中'.repeat(4097) } }))).toMatchObject({
      code: 80002,
    });
  });

  test('cloudCustomData counts toward the 12 KB', async () => {
    const answer = await alice.request(
      'send',
      textDraft({ payload: { text: 'x'.repeat(8000) }, cloudCustomData: 'y'.repeat(5000) }),
    );
    expect(answer).toMatchObject({ code: 80002 });
  });

  test('a frame claiming another sender → 90004', async () => {
    const answer = await alice.request('send', textDraft({ from: 'bob', to: 'alice' }));
    expect(answer).toMatchObject({ code: 90004 });
    expect((answer as { msg: string }).msg).toMatch(/logged in as alice/);
  });
});

describe('message IDs', () => {
  test('a resend with the same ID returns the first result and stores once', async () => {
    const draft = textDraft({ to: 'carol' });
    const first = await alice.request('send', draft);
    const second = await alice.request('send', draft);
    expect(first).toMatchObject({ code: 0, d: { ID: draft.ID, sequence: 1, from: 'alice' } });
    expect(second).toEqual({ ...first, id: (second as { id: number }).id });
    const history = await alice.request('getMessageList', { conversationID: 'C2Ccarol' });
    expect((history as { d: { messageList: unknown[] } }).d.messageList).toHaveLength(1);
  });

  test('an ID another sender already used in the conversation → 90005', async () => {
    const draft = textDraft({ to: 'dave' });
    expect(await alice.request('send', draft)).toMatchObject({ code: 0 });
    const dave = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'dave', server.userSig('dave'));
    expect(await dave.request('send', { ...draft, to: 'alice' })).toMatchObject({ code: 90005 });
    dave.close();
  });
});

describe('history requests', () => {
  test.each([
    ['no conversationID', {}, 90003],
    ['a malformed conversationID', { conversationID: 'bob' }, 90003],
    ['an unknown nextReqMessageID', { conversationID: 'C2Cbob', nextReqMessageID: 'nope' }, 90003],
    ['a count of 0', { conversationID: 'C2Cbob', count: 0 }, 90003],
    ['a count of 1000', { conversationID: 'C2Cbob', count: 1000 }, 90003],
  ])('%s', async (_name, d, code) => {
    expect(await alice.request('getMessageList', d)).toMatchObject({ code });
  });
});

describe('login', () => {
  const loginWith = async (d: Record<string, unknown>) => {
    const client = await RawClient.connect(server.socketURL);
    const answer = await client.request('login', {
      SDKAppID: TEST_SDKAPPID,
      userID: 'erin',
      userSig: server.userSig('erin'),
      protocolVersion: 1,
      ...d,
    });
    return { client, answer };
  };

  test('a request before login → 90006, and the socket stays open', async () => {
    const client = await RawClient.connect(server.socketURL);
    expect(await client.request('send', textDraft())).toMatchObject({ code: 90006 });
    expect(await client.request('ping', {})).toMatchObject({ code: 90006 });
    expect(client.closeCode).toBeNull();
    client.close();
  });

  test.each([
    [
      'a tampered userSig',
      () => ({ userSig: server.userSig('erin').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) }),
      3001,
      /signature/,
    ],
    ["another user's userSig", () => ({ userSig: server.userSig('frank') }), 3001, /another userID/],
    ['garbage', () => ({ userSig: 'not-a-sig' }), 3001, /form/],
    ['a userSig as a number', () => ({ userSig: 12345 }), 3001, /string/],
    ['an unknown SDKAppID', () => ({ SDKAppID: 1 }), 3001, /SDKAppID/],
    [
      'an expired userSig',
      () => ({ userSig: server.userSig('erin', { issuedAt: 1_000_000, expire: 60 }) }),
      70001,
      /expired/,
    ],
  ])('%s is refused and the socket closed', async (_name, override, code, message) => {
    const { client, answer } = await loginWith(override());
    expect(answer).toMatchObject({ code });
    expect((answer as { msg: string }).msg).toMatch(message);
    expect(await client.waitForClose()).toBe(4001);
  });

  test('a userSig signed with another key is refused', async () => {
    const { genUserSig } = await import('tidings/server');
    const forged = genUserSig({ SDKAppID: TEST_SDKAPPID, secretKey: 'guessed', userID: 'erin' });
    const { answer } = await loginWith({ userSig: forged });
    expect(answer).toMatchObject({ code: 3001 });
  });

  test('a good login answers the user and the server time', async () => {
    const before = Date.now();
    const { client, answer } = await loginWith({});
    expect(answer).toMatchObject({ code: 0, d: { userID: 'erin' } });
    expect((answer as { d: { serverTime: number } }).d.serverTime).toBeGreaterThanOrEqual(before - 1000);
    client.close();
  });
});

test('after all of that the server is still running', () => {
  expect(server.isRunning()).toBe(true);
});
