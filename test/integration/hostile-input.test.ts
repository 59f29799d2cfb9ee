import { request as httpRequest } from 'node:http';
import { RawClient } from '../helpers/raw-client';
import { textDraft } from '../helpers/wire-message';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';

/**
 * What an attacker sent that once crashed the server, failed other users' sends, leaked a dismissed
 * group's history or left an upload stuck: each case through the real server process, which must
 * answer it with its documented code and stay up for everyone else.
 */
let server: ServerProcess;
const clients: RawClient[] = [];

beforeEach(async () => {
  server = await ServerProcess.start();
});
afterEach(async () => {
  clients.splice(0).forEach((client) => client.close());
  await server.close();
});

async function login(userID: string): Promise<RawClient> {
  const client = await RawClient.login(server.socketURL, TEST_SDKAPPID, userID, server.userSig(userID));
  clients.push(client);
  return client;
}

async function expectServerAlive(): Promise<void> {
  expect(server.isRunning()).toBe(true);
  const probe = await login(`probe${clients.length}`);
  expect(await probe.request('ping', {})).toMatchObject({ t: 'res', code: 0 });
}

const draft = textDraft;

/** `[[[…]]]`, `depth` arrays deep. */
const nestedArrays = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

const deepMerger = (depth: number) => mergerAround(nestedArrays(depth));

/**
 * The same merger as frame text, made without JSON.stringify: this process's own stack cannot
 * stringify 20,000 levels, but an attacker's client need not stringify anything.
 */
function deepMergerFrame(id: number, depth: number): string {
  const frame = JSON.stringify({ t: 'req', id, op: 'send', d: mergerAround('NEST') });
  return frame.replace('"NEST"', '['.repeat(depth) + ']'.repeat(depth));
}

const mergerAround = (extra: unknown) =>
  draft({
    type: 'TIMRelayElem',
    payload: {
      title: 'history',
      abstractList: ['a: hi'],
      compatibleText: 'merged messages',
      messageList: [{ type: 'TIMTextElem', status: 'success', payload: { text: 'hi', extra } }],
    },
  });

describe('frames before login', () => {
  test.each([
    ['t', '{"id":1,"t":{"toString":1}}'],
    ['op', '{"id":1,"t":"req","op":{"toString":1},"d":{}}'],
    ['op with valueOf', '{"id":1,"t":"req","op":{"valueOf":1,"toString":1},"d":{}}'],
  ])('an object with a toString key as %s is answered 90002 and the process lives', async (_field, frame) => {
    const client = await RawClient.connect(server.socketURL);
    clients.push(client);
    client.sendRaw(frame);
    expect(await client.waitFor((f) => f.t === 'res' && f.id === 1)).toMatchObject({ code: 90002 });
    await expectServerAlive();
  });
});

describe('deeply nested values', () => {
  test('a merger nesting thousands of arrays deep is refused, and every later read still works', async () => {
    const [alice, bob] = [await login('alice'), await login('bob')];
    const answer = await alice.request('send', deepMerger(3000));
    expect(answer).toMatchObject({ t: 'res', code: 90003, msg: expect.stringMatching(/nest/) });
    for (const client of [alice, bob]) {
      expect(await client.request('getConversationList', {})).toMatchObject({ code: 0 });
      expect(
        await client.request('getMessageList', { conversationID: client === alice ? 'C2Cbob' : 'C2Calice' }),
      ).toMatchObject({
        code: 0,
        d: { messageList: [] },
      });
    }
    await expectServerAlive();
  });

  test('a message that cannot be stored fails alone: 150 honest sends in the same moment all succeed', async () => {
    const mallory = await login('mallory');
    // Three honest connections, 50 sends each: one connection may have only 128 unanswered (docs/limits.md).
    const senders = [await login('carol'), await login('erin'), await login('frank')];
    const honest = Array.from({ length: 150 }, (_, i) =>
      senders[i % senders.length].request('send', draft({ to: 'dave', payload: { text: `${i}` } })),
    );
    mallory.sendRaw(deepMergerFrame(1000, 20_000));
    const hostile = mallory.waitFor((frame) => frame.t === 'res' && frame.id === 1000);
    const answers = await Promise.all(honest);
    expect(answers.filter((answer) => answer.t !== 'res' || answer.code !== 0)).toEqual([]);
    expect(await hostile).toMatchObject({ t: 'res', code: expect.any(Number) });
    expect(((await hostile) as { code: number }).code).not.toBe(0);
    await expectServerAlive();
  });
});

test("a dismissed group's ID is never given to someone else, so its history stays with it", async () => {
  const [bob, mallory] = [await login('bob'), await login('mallory')];
  expect(await bob.request('createGroup', { groupID: 'town', name: 'town', type: 'Public' })).toMatchObject({
    code: 0,
  });
  expect(
    await bob.request('send', draft({ conversationType: 'GROUP', to: 'town', payload: { text: 'secret' } })),
  ).toMatchObject({ code: 0 });
  expect(await bob.request('dismissGroup', { groupID: 'town' })).toMatchObject({ code: 0 });

  expect(await mallory.request('createGroup', { groupID: 'town', name: 'mine', type: 'Public' })).toMatchObject({
    code: 90007,
  });
  expect(await mallory.request('getMessageList', { conversationID: 'GROUPtown' })).toMatchObject({ code: 10010 });
});

describe('wrong types in fields', () => {
  const objectWithToString = { toString: 1 };
  test.each([
    ['from', () => draft({ from: objectWithToString })],
    ['to', () => draft({ to: objectWithToString })],
    ['merged message status', () => deepMergerWithStatus(objectWithToString)],
    ['merged message status (plain object)', () => deepMergerWithStatus({ a: 1 })],
  ])('send with %s of the wrong type gets a validation code, not 90500', async (_field, make) => {
    const alice = await login('alice');
    const answer = await alice.request('send', make());
    expect(answer.t).toBe('res');
    expect([90003, 2450]).toContain((answer as { code: number }).code);
    await expectServerAlive();
  });

  test.each([
    [
      'createGroup memberList items',
      'createGroup',
      { groupID: 'g1', name: 'g', type: 'Private', memberList: [{ userID: { toString: 1 } }] },
    ],
    ['addGroupMember userIDList items', 'addGroupMember', { groupID: 'g1', userIDList: [{ toString: 1 }] }],
    ['deleteFriend userIDList items', 'deleteFriend', { userIDList: [['bob']] }],
    ['updateMyProfile nick', 'updateMyProfile', { nick: { toString: 1 } }],
    [
      'updateMyProfile profileCustomField items',
      'updateMyProfile',
      { profileCustomField: [{ key: { toString: 1 }, value: 'v' }] },
    ],
    ['updateMyProfile birthday', 'updateMyProfile', { birthday: { valueOf: 1 } }],
    ['getUserProfile userIDList items', 'getUserProfile', { userIDList: [{ toString: 1 }] }],
    ['setSelfStatus customStatus', 'setSelfStatus', { customStatus: ['busy'] }],
    ['subscribeUserStatus userIDList', 'subscribeUserStatus', { userIDList: { length: 1, 0: 'bob' } }],
    ['unsubscribeUserStatus userIDList items', 'unsubscribeUserStatus', { userIDList: [null] }],
    ['addFriend type', 'addFriend', { to: 'bob', type: { toString: 1 } }],
    ['addFriend wording', 'addFriend', { to: 'bob', wording: ['hi'] }],
    ['acceptFriendApplication type', 'acceptFriendApplication', { userID: 'bob', type: 'Response_Action_Maybe' }],
    ['deleteFriendApplication type (missing)', 'deleteFriendApplication', { userID: 'bob' }],
    ['checkFriend type', 'checkFriend', { userIDList: ['bob'], type: 7 }],
    [
      'updateFriend friendCustomField key',
      'updateFriend',
      { userID: 'bob', friendCustomField: [{ key: '__proto__', value: 'x' }] },
    ],
    [
      'updateFriend friendCustomField value',
      'updateFriend',
      { userID: 'bob', friendCustomField: [{ key: 'Tag_SNS_Custom_a', value: 1 }] },
    ],
    ['removeFromBlacklist userIDList items', 'removeFromBlacklist', { userIDList: [{ toString: 1 }] }],
    ['getFriendProfile userIDList', 'getFriendProfile', { userIDList: 'bob' }],
    ['createTopicInCommunity topicName', 'createTopicInCommunity', { groupID: 'g1', topicName: { toString: 1 } }],
    ['deleteTopicFromCommunity topicIDList', 'deleteTopicFromCommunity', { groupID: 'g1', topicIDList: 'x' }],
    ['getTopicList topicIDList items', 'getTopicList', { groupID: 'g1', topicIDList: [['x']] }],
    ['updateTopicProfile topicID (missing)', 'updateTopicProfile', { groupID: 'g1', topicName: 'x' }],
    ['createFriendGroup name', 'createFriendGroup', { name: ['x'] }],
    ['renameFriendGroup newName (missing)', 'renameFriendGroup', { oldName: 'x' }],
    ['createGroup isSupportTopic', 'createGroup', { name: 'g', type: 'Community', isSupportTopic: 'yes' }],
  ])('%s of the wrong type → 90003', async (_field, op, d) => {
    const alice = await login('alice');
    expect(await alice.request(op, d)).toMatchObject({ t: 'res', code: 90003 });
    await expectServerAlive();
  });
});

const deepMergerWithStatus = (status: unknown) =>
  draft({
    type: 'TIMRelayElem',
    payload: { compatibleText: 'merged', messageList: [{ type: 'TIMTextElem', status, payload: { text: 'x' } }] },
  });

test('a message whose ID is "__proto__" gets its read receipts counted like any other', async () => {
  const [alice, bob] = [await login('alice'), await login('bob')];
  await login('carol');
  expect(
    await alice.request('createGroup', {
      groupID: 'team',
      name: 'team',
      type: 'Private',
      memberList: [{ userID: 'bob' }, { userID: 'carol' }],
    }),
  ).toMatchObject({ code: 0 });
  const sent = await alice.request(
    'send',
    draft({ ID: '__proto__', conversationType: 'GROUP', to: 'team', needReadReceipt: true }),
  );
  expect(sent).toMatchObject({ code: 0 });
  const ref = { conversationID: 'GROUPteam', ID: '__proto__', sequence: 1 };
  expect(await bob.request('sendMessageReadReceipt', { messageList: [ref] })).toMatchObject({ code: 0 });
  expect(await alice.request('getMessageReadReceiptList', { messageList: [ref] })).toMatchObject({
    code: 0,
    d: { messageList: [{ ID: '__proto__', readCount: 1, unreadCount: 1 }] },
  });
});

test('users, messages and extension keys named like Object.prototype members are ordinary names', async () => {
  const [proto, ctor] = [await login('__proto__'), await login('constructor')];
  const sent = await proto.request(
    'send',
    draft({ ID: 'constructor', to: 'constructor', isSupportExtension: true, payload: { text: 'hello' } }),
  );
  expect(sent).toMatchObject({ code: 0, d: { ID: 'constructor', from: '__proto__' } });
  expect(await ctor.request('getMessageList', { conversationID: 'C2C__proto__' })).toMatchObject({
    code: 0,
    d: { messageList: [{ ID: 'constructor', payload: { text: 'hello' } }] },
  });
  expect(await ctor.request('getConversationList', {})).toMatchObject({
    code: 0,
    d: { conversationList: [{ conversationID: 'C2C__proto__', unreadCount: 1 }] },
  });
  const message = { conversationID: 'C2C__proto__', ID: 'constructor' };
  const extensions = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((key) => ({ key, value: key }));
  expect(await ctor.request('setMessageExtensions', { message, extensions })).toMatchObject({ code: 0 });
  const read = await ctor.request('getMessageExtensions', { message });
  expect(read).toMatchObject({ code: 0 });
  expect((read as { d: { extensions: unknown[] } }).d.extensions).toEqual(expect.arrayContaining(extensions));
  expect(await ctor.request('deleteMessageExtensions', { message, keyList: ['__proto__'] })).toMatchObject({
    code: 0,
    d: { keyList: ['__proto__'] },
  });
});

test('setMessageRead on a group the caller is not in → 10007 (10010 when there is none), as every other group op', async () => {
  const [alice, mallory] = [await login('alice'), await login('mallory')];
  expect(await alice.request('createGroup', { groupID: 'team', name: 'team', type: 'Private' })).toMatchObject({
    code: 0,
  });
  expect(await mallory.request('setMessageRead', { conversationID: 'GROUPteam' })).toMatchObject({ code: 10007 });
  expect(await mallory.request('setMessageRead', { conversationID: 'GROUPnowhere' })).toMatchObject({ code: 10010 });
});

describe('uploads', () => {
  async function uploadToken(userID: string): Promise<string> {
    const answer = await (await login(userID)).request('uploadToken', {});
    return (answer as { d: { token: string } }).d.token;
  }

  function http(method: string, path: string, headers: Record<string, string | number>, body?: Buffer) {
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>(
      (resolve, reject) => {
        const url = new URL(server.url);
        const req = httpRequest({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
        });
        req.on('error', reject);
        req.end(body);
      },
    );
  }

  test('a PATCH longer than Upload-Length keeps nothing, and the upload can still be finished', async () => {
    const token = await uploadToken('alice');
    const auth = { 'Tus-Resumable': '1.0.0', Authorization: `Tidings ${token}` };
    const metadata = `filename ${Buffer.from('a.bin').toString('base64')},kind ${Buffer.from('file').toString('base64')}`;
    const created = await http('POST', '/files', { ...auth, 'Upload-Length': 10, 'Upload-Metadata': metadata });
    const location = created.headers.location as string;
    const patch = (body: Buffer) =>
      http('PATCH', location, { ...auth, 'Upload-Offset': 0, 'Content-Type': 'application/offset+octet-stream' }, body);

    expect((await patch(Buffer.alloc(27, 1))).status).toBe(413);
    expect((await http('HEAD', location, auth)).headers['upload-offset']).toBe('0');

    expect((await patch(Buffer.alloc(10, 2))).status).toBe(204);
    expect((await http('GET', location, {})).status).toBe(200);
  });
});
