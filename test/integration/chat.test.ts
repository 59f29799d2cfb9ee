import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { createChat, destroyAll, inbox, nextEvent, readyChat, sendText, until } from '../helpers/sdk';

/** Two or more SDK instances chatting through the real server process over real sockets. */
let server: ServerProcess;

beforeEach(async () => {
  server = await ServerProcess.start();
});

afterEach(async () => {
  await destroyAll();
  await server.close();
});

test("the reference's first example: a text message from alice reaches bob", async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob');
  const received = nextEvent(bob, TencentCloudChat.EVENT.MESSAGE_RECEIVED);

  const message = alice.createTextMessage({
    to: 'bob',
    conversationType: TencentCloudChat.TYPES.CONV_C2C,
    payload: { text: 'Hello world!' },
    needReadReceipt: true,
  });
  expect(message).toMatchObject({ status: 'unSend', flow: 'out', to: 'bob', type: TencentCloudChat.TYPES.MSG_TEXT });
  const response = await alice.sendMessage(message);

  expect(response.code).toBe(0);
  expect(response.data.message).toBe(message);
  expect(message).toMatchObject({
    status: 'success',
    from: 'alice',
    conversationID: 'C2Cbob',
    sequence: 1,
    payload: { text: 'Hello world!' },
  });
  expect(Math.abs(message.time - alice.getServerTime())).toBeLessThanOrEqual(2);

  const [got] = (await received) as Array<typeof message>;
  expect(got).toMatchObject({
    ID: message.ID,
    flow: 'in',
    from: 'alice',
    to: 'bob',
    conversationID: 'C2Calice',
    conversationType: 'C2C',
    status: 'success',
    time: message.time,
    sequence: 1,
    needReadReceipt: true,
    priority: 'Normal',
    payload: { text: 'Hello world!' },
  });
});

test('the sender does not get its own message back, but its other device does, as flow out', async () => {
  const alicePhone = await readyChat(server, 'alice');
  const aliceLaptop = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob');
  const phoneInbox = inbox(alicePhone);
  const laptopInbox = inbox(aliceLaptop);
  const bobInbox = inbox(bob);

  const { data } = await sendText(alicePhone, 'bob', 'from my phone');
  await until(() => laptopInbox.length === 1 && bobInbox.length === 1);
  expect(laptopInbox[0]).toMatchObject({ ID: data.message.ID, flow: 'out' });
  expect(bobInbox[0]).toMatchObject({ ID: data.message.ID, flow: 'in' });
  await sendText(bob, 'alice', 'reply');
  await until(() => phoneInbox.length === 1);
  expect(phoneInbox.map((m) => m.payload.text)).toEqual(['reply']);
});

test('messages arrive in the order they were sent, with consecutive sequences', async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob');
  const bobInbox = inbox(bob);
  const texts = Array.from({ length: 50 }, (_, i) => `m${i}`);
  const sent = await Promise.all(texts.map((text) => sendText(alice, 'bob', text)));
  expect(sent.map((r) => r.data.message.sequence)).toEqual(texts.map((_, i) => i + 1));
  await until(() => bobInbox.length === texts.length);
  expect(bobInbox.map((m) => m.payload.text)).toEqual(texts);
});

test('history pages 15 at a time back to the first message', async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob');
  for (let i = 1; i <= 20; i++) await sendText(i % 2 ? alice : bob, i % 2 ? 'bob' : 'alice', `m${i}`);

  const first = await bob.getMessageList({ conversationID: 'C2Calice' });
  expect(first.code).toBe(0);
  expect(first.data.messageList.map((m) => m.payload.text)).toEqual(Array.from({ length: 15 }, (_, i) => `m${i + 6}`));
  expect(first.data.messageList.map((m) => m.flow)).toEqual(
    Array.from({ length: 15 }, (_, i) => ((i + 6) % 2 ? 'in' : 'out')),
  );
  expect(first.data.isCompleted).toBe(false);
  expect(first.data.nextReqMessageID).toBe(first.data.messageList[0].ID);

  const second = await bob.getMessageList({
    conversationID: 'C2Calice',
    nextReqMessageID: first.data.nextReqMessageID,
  });
  expect(second.data.messageList.map((m) => m.payload.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  expect(second.data.isCompleted).toBe(true);
});

test('conversations carry unread counts and the last message; reading clears them', async () => {
  const alice = await readyChat(server, 'alice');
  const carol = await readyChat(server, 'carol');
  const bob = await readyChat(server, 'bob');
  const unreadUpdates: number[] = [];
  bob.on(TencentCloudChat.EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED, ({ data }) => unreadUpdates.push(data));

  await sendText(alice, 'bob', 'one');
  await sendText(alice, 'bob', 'two');
  await sendText(carol, 'bob', 'three');
  await until(() => bob.getTotalUnreadMessageCount() === 3);
  expect(unreadUpdates).toEqual([1, 2, 3]);

  const { data } = await bob.getConversationList();
  expect(data.conversationList.map((c) => [c.conversationID, c.type, c.unreadCount, c.lastMessage?.payload])).toEqual([
    ['C2Ccarol', 'C2C', 1, { text: 'three' }],
    ['C2Calice', 'C2C', 2, { text: 'two' }],
  ]);
  expect(data.conversationList[1].lastMessage).toMatchObject({
    fromAccount: 'alice',
    messageForShow: 'two',
    lastSequence: 2,
  });

  const listUpdated = nextEvent(bob, TencentCloudChat.EVENT.CONVERSATION_LIST_UPDATED);
  await bob.setMessageRead({ conversationID: 'C2Calice' });
  await listUpdated;
  expect(bob.getTotalUnreadMessageCount()).toBe(1);
  expect(unreadUpdates.at(-1)).toBe(1);

  // The read state is the server's, not just this instance's.
  const bobAgain = await readyChat(server, 'bob');
  expect(bobAgain.getTotalUnreadMessageCount()).toBe(1);
});

test('a receiver that was offline finds the messages in history and as unread after login', async () => {
  const alice = await readyChat(server, 'alice');
  for (const text of ['are you there?', 'call me']) await sendText(alice, 'bob', text);

  const bob = createChat(server);
  const ready = nextEvent(bob, TencentCloudChat.EVENT.SDK_READY);
  await bob.login({ userID: 'bob', userSig: server.userSig('bob') });
  await ready;
  expect(bob.isReady()).toBe(true);
  expect(bob.getLoginUser()).toBe('bob');
  expect(bob.getTotalUnreadMessageCount()).toBe(2);
  const { data } = await bob.getMessageList({ conversationID: 'C2Calice' });
  expect(data.messageList.map((m) => [m.payload.text, m.flow])).toEqual([
    ['are you there?', 'in'],
    ['call me', 'in'],
  ]);
});

test('acknowledged messages survive the server being killed and restarted', async () => {
  const alice = await readyChat(server, 'alice');
  const sent = [];
  for (let i = 0; i < 5; i++) sent.push((await sendText(alice, 'bob', `durable ${i}`)).data.message.ID);
  await destroyAll();
  await server.kill();
  await server.restart();

  const bob = await readyChat(server, 'bob');
  expect(bob.getTotalUnreadMessageCount()).toBe(5);
  const { data } = await bob.getMessageList({ conversationID: 'C2Calice' });
  expect(data.messageList.map((m) => m.ID)).toEqual(sent);
  const next = await sendText(await readyChat(server, 'alice'), 'bob', 'after restart');
  expect(next.data.message.sequence).toBe(6);
});

test('logout emits SDK_NOT_READY and a new login works', async () => {
  const alice = await readyChat(server, 'alice');
  const notReady = nextEvent(alice, TencentCloudChat.EVENT.SDK_NOT_READY);
  const result = await alice.logout();
  expect(result.code).toBe(0);
  await notReady;
  expect(alice.isReady()).toBe(false);
  expect(alice.getLoginUser()).toBe('');

  const ready = nextEvent(alice, TencentCloudChat.EVENT.SDK_READY);
  await alice.login({ userID: 'alice', userSig: server.userSig('alice') });
  await ready;
  expect((await sendText(alice, 'bob', 'back')).code).toBe(0);
});

test('after the server restarts the SDK reconnects by itself, logs in again and receives', async () => {
  const alice = await readyChat(server, 'alice');
  const aliceInbox = inbox(alice);
  const states: string[] = [];
  alice.on(TencentCloudChat.EVENT.NET_STATE_CHANGE, ({ data }) => states.push((data as { state: string }).state));

  await server.restart();
  await until(() => states.at(-1) === TencentCloudChat.TYPES.NET_STATE_CONNECTED, 15000);
  expect(states[0]).toBe(TencentCloudChat.TYPES.NET_STATE_DISCONNECTED);
  expect(states).toContain(TencentCloudChat.TYPES.NET_STATE_CONNECTING);
  expect(alice.isReady()).toBe(true);

  const bob = await readyChat(server, 'bob');
  await sendText(bob, 'alice', 'welcome back');
  await until(() => aliceInbox.length === 1);
  expect((await sendText(alice, 'bob', 'thanks')).data.message.sequence).toBe(2);
});
