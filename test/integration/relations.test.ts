import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import TencentCloudChat from 'tidings';
import { ServerProcess, dataFolderTest } from '../helpers/server-process';
import {
  destroyAll,
  historyTexts,
  inbox,
  readyChat,
  rejectionOf,
  sendGroupText,
  sendText,
  until,
} from '../helpers/sdk';

/** Friends, blacklists, the friend check, moderation and offline push: the server settings file and its hooks. */
let server: ServerProcess | undefined;
const { TYPES } = TencentCloudChat;

afterEach(async () => {
  await destroyAll();
  await server?.close();
  server = undefined;
});

dataFolderTest('the first start writes the settings file with its documented defaults', async () => {
  server = await ServerProcess.start();
  expect(JSON.parse(readFileSync(join(server.dataDir, 'tidings.config.json'), 'utf8'))).toEqual({
    friendCheck: false,
    moderationWords: [],
    pushWebhookURL: '',
    pushAttempts: 3,
    groupMessagesPerSecond: 40,
    groupSendGatherMs: 0,
    maxUnansweredRequests: 128,
    maxBufferedOutputBytes: 4 * 1024 * 1024,
    loginTimeoutMs: 10_000,
    revokeTimeLimitSeconds: 120,
    translateWebhookURL: '',
    speechToTextWebhookURL: '',
    defaultAllowType: 'AllowType_Type_NeedConfirm',
  });
});

test.each([
  [{ friendCheck: 'yes' }, /friendCheck must be true or false/],
  [{ moderationWords: 'bad' }, /moderationWords must be an array/],
  [{ pushWebhookURL: 'ftp://x' }, /pushWebhookURL must be an http\(s\) URL/],
  [{ translateWebhookURL: 'file:///x' }, /translateWebhookURL must be an http\(s\) URL/],
  [{ groupMessagesPerSecond: 0 }, /groupMessagesPerSecond must be a whole number/],
  [{ friendChek: true }, /unknown setting "friendChek"/],
  [{ defaultAllowType: 'Anyone' }, /defaultAllowType must be one of AllowType_Type_NeedConfirm/],
])('a bad settings file %j stops the server with a message that names the field', async (settings, message) => {
  await expect(ServerProcess.start({ settings })).rejects.toThrow(message);
});

test('with the friend check on, strangers get 20009 until they are friends; deleting the friend closes it again', async () => {
  server = await ServerProcess.start({ settings: { friendCheck: true, defaultAllowType: TYPES.ALLOW_TYPE_ALLOW_ANY } });
  const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => readyChat(server!, id)));
  const bobIn = inbox(bob);
  expect(await rejectionOf(sendText(alice, 'bob', 'hi stranger'))).toMatchObject({
    code: 20009,
    message: expect.stringMatching(/not friends/),
  });
  expect((await alice.addFriend({ to: 'bob', source: 'AddSource_Type_Web', remark: 'Bobby' })).data).toEqual({
    userID: 'bob',
    code: 0,
  });
  expect((await alice.getFriendList()).data).toEqual([expect.objectContaining({ userID: 'bob', remark: 'Bobby' })]);
  expect((await bob.getFriendList()).data.map((f) => f.userID)).toEqual(['alice']);
  await sendText(alice, 'bob', 'hi friend');
  await sendText(bob, 'alice', 'hi back');
  await until(() => bobIn.length === 1);
  expect(bobIn.map((m) => m.payload.text)).toEqual(['hi friend']);

  expect((await bob.deleteFriend({ userIDList: ['alice', 'zed'] })).data).toEqual({
    successUserIDList: [{ userID: 'alice' }],
    failureUserIDList: [{ userID: 'zed', code: 30001, message: 'zed is not your friend.' }],
  });
  expect(await rejectionOf(sendText(alice, 'bob', 'still there?'))).toMatchObject({ code: 20009 });
  expect(await historyTexts(bob, 'C2Calice')).toEqual(['hi friend', 'hi back']);
  // Groups are not subject to the friend check.
  await alice.createGroup({ name: 'g', groupID: 'g', memberList: [{ userID: 'bob' }] });
  expect((await sendGroupText(alice, 'g', 'in a group')).code).toBe(0);
});

test('a blacklisted sender gets 20007 and the receiver gets nothing; without the friend check strangers may chat', async () => {
  server = await ServerProcess.start();
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server!, id)));
  const bobIn = inbox(bob);
  expect((await bob.addToBlacklist({ userIDList: ['alice'] })).data).toEqual(['alice']);
  expect((await bob.getBlacklist()).data).toEqual(['alice']);
  expect(await rejectionOf(sendText(alice, 'bob', 'let me talk'))).toMatchObject({ code: 20007 });
  await sendText(carol, 'bob', 'stranger but fine');
  await until(() => bobIn.length === 1);
  expect(bobIn.map((m) => m.from)).toEqual(['carol']);
  expect(await historyTexts(bob, 'C2Calice')).toEqual([]);
  // The blocker can still write to the one blocked.
  expect((await sendText(bob, 'alice', 'one way')).code).toBe(0);
});

test('sending to the system conversation is 2106', async () => {
  server = await ServerProcess.start();
  const alice = await readyChat(server, 'alice');
  const system = alice.createTextMessage({ to: 'x', conversationType: TYPES.CONV_SYSTEM, payload: { text: 'x' } });
  expect(await rejectionOf(alice.sendMessage(system))).toMatchObject({
    code: 2106,
    message: expect.stringMatching(/system conversation/),
  });
  expect(system.status).toBe('fail');
  const message = alice.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'x' } });
  message.conversationType = TYPES.CONV_SYSTEM;
  expect(await rejectionOf(alice.sendMessage(message))).toMatchObject({ code: 2106 });
});

test('relation calls check their input', async () => {
  server = await ServerProcess.start();
  const alice = await readyChat(server, 'alice');
  expect(await rejectionOf(alice.addFriend({ to: '' }))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(alice.addFriend({ to: 'alice' }))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/yourself/),
  });
  expect(await rejectionOf(alice.addFriend({ to: '../../x' }))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(alice.addToBlacklist({ userIDList: ['alice'] }))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(alice.addToBlacklist({ userIDList: 'bob' as never }))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(alice.deleteFriend({ userIDList: [] }))).toMatchObject({ code: 90003 });
  expect((await alice.getFriendList()).data).toEqual([]);
  expect((await alice.getBlacklist()).data).toEqual([]);
});

test('moderation: a configured word is refused with 80001 and nothing is stored; excludedFromContentModeration skips it', async () => {
  server = await ServerProcess.start({ settings: { moderationWords: ['Forbidden'] } });
  const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => readyChat(server!, id)));
  const bobIn = inbox(bob);
  expect(await rejectionOf(sendText(alice, 'bob', 'this is FORBIDDEN talk'))).toMatchObject({ code: 80001 });
  const exempt = alice.createTextMessage({
    to: 'bob',
    conversationType: TYPES.CONV_C2C,
    payload: { text: 'forbidden but exempt' },
  });
  await alice.sendMessage(exempt, { messageControlInfo: { excludedFromContentModeration: true } });
  await sendText(alice, 'bob', 'clean');
  await until(() => bobIn.length === 2);
  expect(bobIn.map((m) => m.payload.text)).toEqual(['forbidden but exempt', 'clean']);
  expect(await historyTexts(bob, 'C2Calice')).toEqual(['forbidden but exempt', 'clean']);
});

describe('offline push', () => {
  let receiver: Server;
  const posts: Array<Record<string, unknown>> = [];
  let failFirst = 0;

  beforeEach(async () => {
    posts.length = 0;
    receiver = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (failFirst > 0) {
          failFirst -= 1;
          response.writeHead(503).end();
          return;
        }
        posts.push(JSON.parse(body) as Record<string, unknown>);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    server = await ServerProcess.start({ settings: { pushWebhookURL: `http://127.0.0.1:${port}/push` } });
  });

  afterEach(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  test('each offline recipient is handed to the webhook with the offlinePushInfo; online ones are not; disablePush and onlineUserOnly send none', async () => {
    const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => readyChat(server!, id)));
    await alice.createGroup({
      name: 'g',
      groupID: 'g',
      memberList: [{ userID: 'bob' }, { userID: 'carol' }, { userID: 'dave' }],
    });
    const online = await sendGroupText(
      alice,
      'g',
      'online only',
      {},
      { onlineUserOnly: true, offlinePushInfo: { title: 'never' } },
    );
    const silent = await sendGroupText(alice, 'g', 'silent', {}, { offlinePushInfo: { disablePush: true } });
    const loud = await sendGroupText(
      alice,
      'g',
      'loud',
      {},
      { offlinePushInfo: { title: 'News', description: 'Something happened', extension: '{"k":1}' } },
    );
    await until(() => posts.length === 2);
    expect(posts.map((p) => p.userID).sort()).toEqual(['carol', 'dave']);
    expect(posts.every((p) => (p.message as { ID: string }).ID === loud.data.message.ID)).toBe(true);
    expect(posts[0]).toMatchObject({
      app: 1400000001,
      offlinePushInfo: { title: 'News', description: 'Something happened', extension: '{"k":1}' },
    });
    expect(
      posts.some((p) => [silent.data.message.ID, online.data.message.ID].includes((p.message as { ID: string }).ID)),
    ).toBe(false);
    // Stored with the message.
    const carol = await readyChat(server!, 'carol');
    const { data } = await carol.getMessageList({ conversationID: 'GROUPg' });
    expect(data.messageList.map((m) => m.payload.text)).toEqual(['silent', 'loud']);
    expect(bob.isReady()).toBe(true);
  });

  test('a webhook that fails is retried', async () => {
    failFirst = 2;
    const alice = await readyChat(server!, 'alice');
    await sendText(alice, 'bob', 'are you there');
    await until(() => posts.length === 1, 10000);
    expect(posts[0]).toMatchObject({ userID: 'bob', message: { payload: { text: 'are you there' } } });
    expect(await server!.stats()).toMatchObject({ offlinePushesDelivered: 1, offlinePushesFailed: 0 });
  });
});
