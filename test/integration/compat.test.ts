import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import TencentCloudChat from 'tidings';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import { createChat, destroyAll, inbox, readyChat, rejectionOf, until } from '../helpers/sdk';

/**
 * What an app migrating from TencentCloudChat does on its first screens: registerPlugin right after
 * create(), send options of newer reference versions, a message for the system conversation.
 */
const { TYPES } = TencentCloudChat;
let server: ServerProcess;
let receiver: Server;
const posts: Array<Record<string, unknown>> = [];

beforeAll(async () => {
  receiver = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      posts.push(JSON.parse(body) as Record<string, unknown>);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  server = await ServerProcess.start({ settings: { pushWebhookURL: `http://127.0.0.1:${port}/push` } });
});

afterEach(destroyAll);

afterAll(async () => {
  await server?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

test('registerPlugin with the plugins every guide registers: no throw, one info line each, and uploads still work', async () => {
  const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const chat = createChat(server);
    const TIMUploadPlugin = function TIMUploadPlugin() {};
    const TIMProfanityFilterPlugin = function TIMProfanityFilterPlugin() {};
    chat.registerPlugin({
      'tim-upload-plugin': TIMUploadPlugin,
      'tim-profanity-filter-plugin': TIMProfanityFilterPlugin,
    });
    chat.registerPlugin({ 'some-unknown-plugin': {} });
    expect(info.mock.calls.map((call) => call.join(' '))).toEqual([
      expect.stringMatching(/tim-upload-plugin accepted; uploads are built in/),
      expect.stringMatching(/tim-profanity-filter-plugin accepted; text is checked by the server's moderation/),
    ]);
    expect(warn.mock.calls.map((call) => call.join(' '))).toEqual([
      expect.stringMatching(/some-unknown-plugin is not a plugin Tidings knows; ignored/),
    ]);
    await chat.login({ userID: 'plug', userSig: server.userSig('plug') });
    await until(() => chat.isReady());
    const file = chat.createFileMessage({
      to: 'plugpeer',
      conversationType: TYPES.CONV_C2C,
      payload: { file: { files: [new File([Buffer.from('hello')], 'a.txt', { type: 'text/plain' })] } },
    });
    expect((await chat.sendMessage(file)).data.message.status).toBe('success');
  } finally {
    info.mockRestore();
    warn.mockRestore();
  }
});

test('offlinePushInfo.androidInfo and apnsInfo are accepted and handed to the push hook; unknown options are dropped', async () => {
  const [ann, bob] = await Promise.all([readyChat(server, 'optann'), readyChat(server, 'optbob')]);
  const bobIn = inbox(bob);
  await bob.logout();
  const message = ann.createTextMessage({ to: 'optbob', conversationType: TYPES.CONV_C2C, payload: { text: 'hi' } });
  const sent = await ann.sendMessage(message, {
    offlinePushInfo: {
      title: 'Ann',
      description: 'hi',
      androidInfo: { sound: 'ding', XiaoMiChannelID: 'chat', VIVOClassification: 1 },
      apnsInfo: { sound: 'ding.caf', ignoreIOSBadge: true },
      aFieldOfAFutureVersion: 'x',
    },
    aTopLevelOptionOfAFutureVersion: { any: 'thing' },
  } as never);
  expect(sent.data.message.status).toBe('success');
  const toBob = () => posts.filter((post) => post.userID === 'optbob');
  await until(() => toBob().length === 1);
  expect(toBob()[0]).toMatchObject({
    userID: 'optbob',
    offlinePushInfo: {
      title: 'Ann',
      description: 'hi',
      androidInfo: { sound: 'ding', XiaoMiChannelID: 'chat', VIVOClassification: 1 },
      apnsInfo: { sound: 'ding.caf', ignoreIOSBadge: true },
    },
  });
  expect(toBob()[0].offlinePushInfo).not.toHaveProperty('aFieldOfAFutureVersion');
  expect(bobIn).toEqual([]);
});

test('the server drops unknown option fields too, and still refuses a vendor object that is not flat', async () => {
  const raw = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'rawopt', server.userSig('rawopt'));
  const draft = (ID: string) => ({
    ID,
    type: 'TIMTextElem',
    conversationType: 'C2C',
    to: 'optpeer',
    payload: { text: 'x' },
    priority: 'Normal',
    cloudCustomData: '',
    needReadReceipt: false,
    isSupportExtension: false,
  });
  try {
    expect(
      await raw.request('send', {
        ...draft('raw-future'),
        offlinePushInfo: { title: 't', future: 1, apnsInfo: { sound: 'a' } },
        messageControlInfo: { excludedFromUnreadCount: true, future: true },
      }),
    ).toMatchObject({ code: 0, d: { offlinePushInfo: { title: 't', apnsInfo: { sound: 'a' } } } });
    expect(
      await raw.request('send', { ...draft('raw-nested'), offlinePushInfo: { androidInfo: { sound: { x: 1 } } } }),
    ).toMatchObject({
      code: 90003,
      msg: expect.stringMatching(/offlinePushInfo.androidInfo must be an object of at most 32/),
    });
  } finally {
    raw.close();
  }
});

test('a message for the system conversation is made; sendMessage rejects it with 2106 and marks it failed', async () => {
  const sys = await readyChat(server, 'sysuser');
  const message = sys.createTextMessage({ to: '', conversationType: TYPES.CONV_SYSTEM, payload: { text: 'x' } });
  expect(message.conversationID).toBe(TYPES.CONV_SYSTEM);
  expect(await rejectionOf(sys.sendMessage(message))).toMatchObject({
    code: 2106,
    message: expect.stringMatching(/system conversation/),
  });
  expect(message.status).toBe('fail');
});
