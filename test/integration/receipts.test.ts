import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, nextEvent, readyChat, rejectionOf, until, type Chat } from '../helpers/sdk';

/** Read receipts (needReadReceipt), C2C peer reads (isPeerRead) and message extensions, through the real server. */
let server: ServerProcess;
let alice: Chat, bob: Chat, carol: Chat;
const { TYPES, EVENT } = TencentCloudChat;

beforeEach(async () => {
  server = await ServerProcess.start();
  [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'team', groupID: 'team', memberList: [{ userID: 'bob' }, { userID: 'carol' }] });
});

afterEach(async () => {
  await destroyAll();
  await server.close();
});

test('group read receipts: the sender hears who read, and the counts come back from getMessageReadReceiptList', async () => {
  const message = alice.createTextMessage({
    to: 'team',
    conversationType: TYPES.CONV_GROUP,
    payload: { text: 'please ack' },
    needReadReceipt: true,
  });
  await alice.sendMessage(message);
  const { data } = await bob.getMessageList({ conversationID: 'GROUPteam' });
  const received = data.messageList[0];
  expect(received).toMatchObject({ ID: message.ID, needReadReceipt: true });

  const receipt = nextEvent(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
  expect((await bob.sendMessageReadReceipt([received])).code).toBe(0);
  expect(await receipt).toEqual([
    { conversationID: 'GROUPteam', groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 1 },
  ]);
  expect(message.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 1 });

  // A second receipt from the same reader changes nothing; carol's counts.
  await bob.sendMessageReadReceipt([received]);
  await carol.sendMessageReadReceipt([received]);
  const fresh = (await alice.getMessageList({ conversationID: 'GROUPteam' })).data.messageList[0];
  const { data: receipts } = await alice.getMessageReadReceiptList([fresh]);
  expect(receipts.messageList[0].readReceiptInfo).toEqual({ readCount: 2, unreadCount: 0 });
});

test('read receipts go only to stored messages that asked for one, in conversations the reader belongs to', async () => {
  const plain = alice.createTextMessage({
    to: 'team',
    conversationType: TYPES.CONV_GROUP,
    payload: { text: 'no ack' },
  });
  await alice.sendMessage(plain);
  const [received] = (await bob.getMessageList({ conversationID: 'GROUPteam' })).data.messageList;
  expect(await rejectionOf(bob.sendMessageReadReceipt([received]))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/needReadReceipt/),
  });
  expect(await rejectionOf(bob.sendMessageReadReceipt([]))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(bob.sendMessageReadReceipt([{ ID: 'x' } as never]))).toMatchObject({ code: 90003 });
  await bob.quitGroup('team');
  expect(await rejectionOf(bob.sendMessageReadReceipt([received]))).toMatchObject({ code: 10007 });
  expect((await alice.getMessageReadReceiptList([plain])).data.messageList[0].readReceiptInfo).toEqual({
    readCount: 0,
    unreadCount: 1,
  });
});

test('C2C: setMessageRead makes isPeerRead true for the sender and fires MESSAGE_READ_BY_PEER', async () => {
  const first = alice.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'one' } });
  const second = alice.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'two' } });
  await alice.sendMessage(first);
  await alice.sendMessage(second);
  expect(first.isPeerRead).toBe(false);
  await until(() => bob.getTotalUnreadMessageCount() === 2);

  const readByPeer = nextEvent(alice, EVENT.MESSAGE_READ_BY_PEER);
  await bob.setMessageRead({ conversationID: 'C2Calice' });
  const read = (await readByPeer) as Array<{ ID: string }>;
  expect(read.map((m) => m.ID)).toEqual([first.ID, second.ID]);
  expect([first.isPeerRead, second.isPeerRead]).toEqual([true, true]);

  const third = alice.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'three' } });
  await alice.sendMessage(third);
  const history = (await alice.getMessageList({ conversationID: 'C2Cbob' })).data.messageList;
  expect(history.map((m) => [m.payload.text, m.isPeerRead])).toEqual([
    ['one', true],
    ['two', true],
    ['three', false],
  ]);
  // The reader's own view of messages it received has no isPeerRead.
  expect((await bob.getMessageList({ conversationID: 'C2Calice' })).data.messageList.every((m) => !m.isPeerRead)).toBe(
    true,
  );
});

test('extensions: set, get and delete on a message sent with isSupportExtension, by any member who can see it', async () => {
  const message = alice.createTextMessage({
    to: 'team',
    conversationType: TYPES.CONV_GROUP,
    payload: { text: 'vote' },
    isSupportExtension: true,
  });
  await alice.sendMessage(message);
  const [seen] = (await bob.getMessageList({ conversationID: 'GROUPteam' })).data.messageList;
  expect((await bob.setMessageExtensions(seen, [{ key: 'bob', value: 'yes' }])).data.extensions).toEqual([
    { key: 'bob', value: 'yes' },
  ]);
  await carol.setMessageExtensions(seen, [
    { key: 'carol', value: 'no' },
    { key: 'bob', value: 'maybe' },
  ]);
  expect((await alice.getMessageExtensions(message)).data).toEqual({
    extensions: [
      { key: 'bob', value: 'maybe' },
      { key: 'carol', value: 'no' },
    ],
    isCompleted: true,
  });
  expect((await alice.deleteMessageExtensions(message, ['carol'])).data.keyList).toEqual(['carol']);
  expect((await bob.getMessageExtensions(seen)).data.extensions).toEqual([{ key: 'bob', value: 'maybe' }]);
  expect((await alice.deleteMessageExtensions(message)).data.keyList).toEqual(['bob']);
  expect((await alice.getMessageExtensions(message)).data.extensions).toEqual([]);
});

test('extensions are refused on messages without isSupportExtension, for non-members, and when too big', async () => {
  const plain = alice.createTextMessage({ to: 'team', conversationType: TYPES.CONV_GROUP, payload: { text: 'plain' } });
  await alice.sendMessage(plain);
  expect(await rejectionOf(alice.setMessageExtensions(plain, [{ key: 'k', value: 'v' }]))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/isSupportExtension/),
  });
  const open = alice.createTextMessage({
    to: 'team',
    conversationType: TYPES.CONV_GROUP,
    payload: { text: 'open' },
    isSupportExtension: true,
  });
  await alice.sendMessage(open);
  expect(await rejectionOf(alice.setMessageExtensions(open, [{ key: 'k', value: 'v'.repeat(1025) }]))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/1024 bytes/),
  });
  expect(await rejectionOf(alice.setMessageExtensions(open, [{ key: '', value: 'v' }]))).toMatchObject({ code: 90003 });
  expect(
    await rejectionOf(
      alice.setMessageExtensions(
        open,
        Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
      ),
    ),
  ).toMatchObject({ code: 90003 });
  expect(await rejectionOf(alice.setMessageExtensions(open, 'k=v' as never))).toMatchObject({ code: 90003 });
  const dave = await readyChat(server, 'dave');
  expect(await rejectionOf(dave.getMessageExtensions(open))).toMatchObject({ code: 10007 });
  expect((await alice.getMessageExtensions(open)).data.extensions).toEqual([]);
});
