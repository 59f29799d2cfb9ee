import TencentCloudChat from 'tidings';
import { makeImage } from '../helpers/files';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, nextEvent, readyChat, sendText, type Chat } from '../helpers/sdk';

/** The reference's custom, face, location, merger and forward examples through the real server. */
let server: ServerProcess;
let alice: Chat;
let bob: Chat;

beforeAll(async () => {
  server = await ServerProcess.start();
});
afterAll(() => server.close());
beforeEach(async () => {
  alice = await readyChat(server, 'alice');
  bob = await readyChat(server, 'bob');
});
afterEach(destroyAll);

type Msg = ReturnType<Chat['createTextMessage']>;

async function deliver(chat: Chat, receiver: Chat, message: Msg): Promise<Msg> {
  const received = nextEvent(receiver, TencentCloudChat.EVENT.MESSAGE_RECEIVED);
  const imResponse = await chat.sendMessage(message);
  expect(imResponse.code).toBe(0);
  const [got] = (await received) as Msg[];
  expect(got.ID).toBe(message.ID);
  return got;
}

test('custom message example: a dice roll', async () => {
  const random = (min: number, max: number) => Math.floor(Math.random() * (max - min + 1) + min);
  const message = alice.createCustomMessage({
    to: 'bob',
    conversationType: TencentCloudChat.TYPES.CONV_C2C,
    priority: TencentCloudChat.TYPES.MSG_PRIORITY_HIGH,
    payload: { data: 'dice', description: String(random(1, 6)), extension: '' },
  });
  const got = await deliver(alice, bob, message);
  expect(got).toMatchObject({
    type: TencentCloudChat.TYPES.MSG_CUSTOM,
    priority: 'High',
    payload: { data: 'dice', description: message.payload.description, extension: '' },
  });
  expect(Object.keys(got.payload).sort()).toEqual(['data', 'description', 'extension']);
});

test('face message example', async () => {
  const message = alice.createFaceMessage({
    to: 'bob',
    conversationType: TencentCloudChat.TYPES.CONV_C2C,
    payload: { index: 1, data: 'tt00' },
    cloudCustomData: 'your cloud custom data',
  });
  const got = await deliver(alice, bob, message);
  expect(got).toMatchObject({
    type: TencentCloudChat.TYPES.MSG_FACE,
    cloudCustomData: 'your cloud custom data',
    payload: { index: 1, data: 'tt00' },
  });
});

test('location message example', async () => {
  const message = alice.createLocationMessage({
    to: 'bob',
    conversationType: TencentCloudChat.TYPES.CONV_C2C,
    payload: { description: '深圳市深南大道10000号腾讯大厦', longitude: 113.941079, latitude: 22.546103 },
  });
  const got = await deliver(alice, bob, message);
  expect(got).toMatchObject({
    type: TencentCloudChat.TYPES.MSG_LOCATION,
    payload: { description: '深圳市深南大道10000号腾讯大厦', longitude: 113.941079, latitude: 22.546103 },
  });
});

async function threeMessages(): Promise<Msg[]> {
  const message1 = (await sendText(alice, 'bob', '666')).data.message;
  const image = alice.createImageMessage({
    to: 'bob',
    conversationType: 'C2C',
    payload: { file: new File([await makeImage(40, 30)], 'p.png', { type: 'image/png' }) },
  });
  const message2 = (await alice.sendMessage(image)).data.message;
  const message3 = (await sendText(alice, 'bob', 'see the file')).data.message;
  return [message1, message2, message3];
}

test('merger message example: a small list travels inline', async () => {
  const [message1, message2, message3] = await threeMessages();
  const mergerMessage = alice.createMergerMessage({
    to: 'bob',
    conversationType: TencentCloudChat.TYPES.CONV_C2C,
    payload: {
      messageList: [message1, message2, message3],
      title: '大湾区前端人才中心的聊天记录',
      abstractList: ['allen: 666', 'iris: [图片]', 'linda: [文件]'],
      compatibleText: '请升级 Chat SDK 到v2.10.1或更高版本查看此消息',
    },
  });
  const got = await deliver(alice, bob, mergerMessage);
  expect(got.type).toBe(TencentCloudChat.TYPES.MSG_MERGER);
  expect(got.payload).toMatchObject({
    title: '大湾区前端人才中心的聊天记录',
    abstractList: ['allen: 666', 'iris: [图片]', 'linda: [文件]'],
    compatibleText: '请升级 Chat SDK 到v2.10.1或更高版本查看此消息',
    downloadKey: '',
    layersOverLimit: false,
  });
  const list = got.payload.messageList as Array<{ ID: string; type: string; payload: unknown }>;
  expect(list.map((m) => m.ID)).toEqual([message1.ID, message2.ID, message3.ID]);
  expect(list[1].payload).toEqual(message2.payload);
});

test('merger message too large for one message: the receiver gets a downloadKey, and downloadMergerMessage fills messageList', async () => {
  const long = [];
  for (let i = 0; i < 8; i++) long.push((await sendText(alice, 'bob', `${i} ${'x'.repeat(2000)}`)).data.message);
  const mergerMessage = alice.createMergerMessage({
    to: 'bob',
    conversationType: 'C2C',
    payload: { messageList: long, title: 'long', abstractList: [], compatibleText: 'upgrade' },
  });
  const message = await deliver(alice, bob, mergerMessage);
  expect(message.payload.downloadKey).toMatch(/^[0-9a-f]{32}$/);
  expect(message.payload.messageList).toEqual([]);
  if (message.type === TencentCloudChat.TYPES.MSG_MERGER && message.payload.downloadKey !== '') {
    const imResponse = await bob.downloadMergerMessage(message);
    expect(imResponse.code).toBe(0);
  }
  const list = message.payload.messageList as Array<{ ID: string; payload: { text: string } }>;
  expect(list.map((m) => m.ID)).toEqual(long.map((m) => m.ID));
  expect(list[7].payload.text).toBe(`7 ${'x'.repeat(2000)}`);
});

test('a merger holding a failed or unsent message is refused with 2450', async () => {
  const failed = alice.createTextMessage({
    to: 'nobody with spaces'.replace(/ /g, '_'),
    conversationType: 'C2C',
    payload: { text: 'x'.repeat(13 * 1024) },
  });
  await expect(alice.sendMessage(failed)).rejects.toMatchObject({ code: 80002 });
  expect(failed.status).toBe('fail');
  const unsent = alice.createTextMessage({ to: 'bob', conversationType: 'C2C', payload: { text: 'not yet' } });
  for (const bad of [failed, unsent]) {
    expect(() =>
      alice.createMergerMessage({
        to: 'bob',
        conversationType: 'C2C',
        payload: { messageList: [bad], title: 't', abstractList: [], compatibleText: 'c' },
      }),
    ).toThrow(expect.objectContaining({ code: 2450 }));
  }
});

test('forward message example: same content, new ID, from the current user, to another conversation', async () => {
  const carol = await readyChat(server, 'carol');
  const image = alice.createImageMessage({
    to: 'bob',
    conversationType: 'C2C',
    payload: { file: new File([await makeImage(64, 48)], 'p.png', { type: 'image/png' }) },
    cloudCustomData: 'orig',
  });
  const message = await deliver(alice, bob, image);
  const forwardMessage = bob.createForwardMessage({
    to: 'carol',
    conversationType: TencentCloudChat.TYPES.CONV_C2C,
    payload: message,
    cloudCustomData: 'fwd',
    priority: TencentCloudChat.TYPES.MSG_PRIORITY_LOW,
  });
  const got = await deliver(bob, carol, forwardMessage);
  expect(got.ID).not.toBe(message.ID);
  expect(got).toMatchObject({
    from: 'bob',
    to: 'carol',
    type: TencentCloudChat.TYPES.MSG_IMAGE,
    cloudCustomData: 'fwd',
    priority: 'Low',
    payload: message.payload,
  });
  expect(() =>
    bob.createForwardMessage({
      to: 'carol',
      conversationType: 'C2C',
      payload: bob.createTextMessage({ to: 'carol', conversationType: 'C2C', payload: { text: 'x' } }),
    }),
  ).toThrow(expect.objectContaining({ code: 2453 }));
});

test('every type keeps cloudCustomData and priority in history too', async () => {
  const message = alice.createLocationMessage({
    to: 'bob',
    conversationType: 'C2C',
    payload: { longitude: 1, latitude: 2 },
    cloudCustomData: '{"k":1}',
    priority: 'Lowest',
  });
  await alice.sendMessage(message);
  const { data } = await bob.getMessageList({ conversationID: 'C2Calice' });
  expect(data.messageList.at(-1)).toMatchObject({
    ID: message.ID,
    cloudCustomData: '{"k":1}',
    priority: 'Lowest',
    payload: { description: '', longitude: 1, latitude: 2 },
  });
});
