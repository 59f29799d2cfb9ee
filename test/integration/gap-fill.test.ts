import TencentCloudChat from 'tidings';
import { LossyProxy } from '../helpers/lossy-proxy';
import { ServerProcess } from '../helpers/server-process';
import { conversation, destroyAll, inbox, readyChat, sendGroupText, sendText, until } from '../helpers/sdk';

/**
 * Live pushes lost on the way (through a proxy that drops them, between the real server and a
 * real SDK): the SDK notices the skipped sequence and fetches the missing messages at once.
 */
let server: ServerProcess;
let proxy: LossyProxy;
const { TYPES, EVENT } = TencentCloudChat;

const textOf = (message: WireText) => message.payload.text;
type WireText = { payload: { text?: unknown } };
const texts =
  (...names: string[]) =>
  (message: WireText) =>
    names.includes(String(textOf(message)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  server = await ServerProcess.start();
  proxy = await LossyProxy.start(server.socketURL);
});

afterEach(async () => {
  await destroyAll();
  await proxy.close();
  await server.close();
});

test('lost pushes are fetched at once and reported once, in sequence order, with the right unread count', async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob', proxy.url);
  const received = inbox(bob);
  await sendText(alice, 'bob', 'm1');
  await until(() => received.length === 1);

  proxy.drop(texts('m2', 'm3'));
  for (const text of ['m2', 'm3', 'm4']) await sendText(alice, 'bob', text);
  await until(() => received.length === 4);
  expect(received.map((m) => [m.payload.text, m.sequence])).toEqual([
    ['m1', 1],
    ['m2', 2],
    ['m3', 3],
    ['m4', 4],
  ]);
  expect(proxy.fetchCount()).toBe(1);
  expect(await conversation(bob, 'C2Calice')).toMatchObject({ unreadCount: 4, lastMessage: { lastSequence: 4 } });
  expect(bob.getTotalUnreadMessageCount()).toBe(4);

  // A later reconnect's catch-up repeats none of them.
  proxy.deliverAll();
  const reconnected = new Promise<void>((resolve) =>
    bob.on(
      EVENT.NET_STATE_CHANGE,
      ({ data }) => (data as { state: string }).state === TYPES.NET_STATE_CONNECTED && resolve(),
    ),
  );
  proxy.disconnectAll();
  await reconnected;
  await sendText(alice, 'bob', 'm5');
  await until(() => received.length >= 5);
  await sleep(100);
  expect(received.map((m) => m.payload.text)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  expect(bob.getTotalUnreadMessageCount()).toBe(5);
});

test("another device's own messages that were lost are fetched too, as flow 'out', with no unread", async () => {
  const [alice, bob] = await Promise.all([readyChat(server, 'alice'), readyChat(server, 'bob')]);
  const aliceTablet = await readyChat(server, 'alice', proxy.url);
  const received = inbox(aliceTablet);
  await sendText(alice, 'bob', 'o1');
  await until(() => received.length === 1);

  proxy.drop(texts('o2'));
  await sendText(alice, 'bob', 'o2');
  await sendText(alice, 'bob', 'o3');
  await until(() => received.length === 3);
  expect(received.map((m) => [m.payload.text, m.flow])).toEqual([
    ['o1', 'out'],
    ['o2', 'out'],
    ['o3', 'out'],
  ]);
  expect(await conversation(aliceTablet, 'C2Cbob')).toMatchObject({ unreadCount: 0, lastMessage: { lastSequence: 3 } });
  expect(inbox(bob)).toEqual([]);
});

test('a send acknowledged past a lost push fetches it', async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob', proxy.url);
  const received = inbox(bob);
  await sendText(alice, 'bob', 'a1');
  await until(() => received.length === 1);

  proxy.drop(texts('a2'));
  await sendText(alice, 'bob', 'a2');
  const reply = await sendText(bob, 'alice', 'b3');
  expect(reply.data.message.sequence).toBe(3);
  await until(() => received.length === 2);
  expect(received.map((m) => m.payload.text)).toEqual(['a1', 'a2']);
  expect(await conversation(bob, 'C2Calice')).toMatchObject({ unreadCount: 2, lastMessage: { lastSequence: 3 } });
});

test('while a fetch runs, later pushes wait behind it and a new gap is fetched next: one fetch at a time, all in order', async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob', proxy.url);
  const received = inbox(bob);
  await sendText(alice, 'bob', 'c1');
  await until(() => received.length === 1);

  proxy.holdFetches();
  proxy.drop(texts('c2', 'c4'));
  for (const text of ['c2', 'c3', 'c4', 'c5', 'c6']) await sendText(alice, 'bob', text);
  await until(() => proxy.delivered.some(texts('c6')) && proxy.fetchCount() === 1);
  await sleep(50);
  expect(received.map((m) => m.payload.text)).toEqual(['c1']);

  proxy.answerFetches();
  await until(() => received.length === 6);
  expect(received.map((m) => m.payload.text)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
  expect(proxy.fetchCount()).toBe(2);
  expect(proxy.maxFetchesWaiting).toBe(1);
  expect(bob.getTotalUnreadMessageCount()).toBe(6);
});

test('a fetch cut off by a dropped socket reports what it held; the reconnect catch-up brings the rest, once', async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob', proxy.url);
  const received = inbox(bob);
  await sendText(alice, 'bob', 'd1');
  await until(() => received.length === 1);

  proxy.holdFetches();
  proxy.drop(texts('d2'));
  await sendText(alice, 'bob', 'd2');
  await sendText(alice, 'bob', 'd3');
  await until(() => proxy.fetchCount() === 1);
  proxy.disconnectAll();
  proxy.answerFetches();
  proxy.deliverAll();
  await until(() => received.length === 3, 15000);
  await sleep(100);
  expect(received.map((m) => m.payload.text)).toEqual(['d1', 'd3', 'd2']);
  expect(bob.getTotalUnreadMessageCount()).toBe(3);
});

test('sequence-0 messages (onlineUserOnly), lost or not, never trigger a fetch', async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob', proxy.url);
  const received = inbox(bob);
  await sendText(alice, 'bob', 's1');
  await until(() => received.length === 1);

  proxy.drop(texts('typing 1'));
  for (const text of ['typing 1', 'typing 2']) {
    const message = alice.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text } });
    await alice.sendMessage(message, { onlineUserOnly: true });
  }
  await sendText(alice, 'bob', 's2');
  await until(() => received.length === 3);
  expect(received.map((m) => [m.payload.text, m.sequence])).toEqual([
    ['s1', 1],
    ['typing 2', 0],
    ['s2', 2],
  ]);
  expect(proxy.fetchCount()).toBe(0);
});

test('what was sent before login is history: the first push after it fetches nothing, even when the list showed an older last message', async () => {
  const carol = await readyChat(server, 'carol');
  await sendText(carol, 'bob', 'x1');
  for (const text of ['x2', 'x3']) {
    const message = carol.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text } });
    await carol.sendMessage(message, { messageControlInfo: { excludedFromLastMessage: true } });
  }
  const bob = await readyChat(server, 'bob', proxy.url);
  expect(await conversation(bob, 'C2Ccarol')).toMatchObject({ unreadCount: 3, lastMessage: { lastSequence: 1 } });
  const received = inbox(bob);
  await sendText(carol, 'bob', 'x4');
  await until(() => received.length === 1);
  await sleep(100);
  expect(received.map((m) => [m.payload.text, m.sequence])).toEqual([['x4', 4]]);
  expect(proxy.fetchCount()).toBe(0);
  expect(bob.getTotalUnreadMessageCount()).toBe(4);
});

test("a push lost before the first push after login is fetched at once: the login list's lastSequence places the cursor", async () => {
  const carol = await readyChat(server, 'carol');
  await sendText(carol, 'bob', 'y1');
  const quiet = carol.createTextMessage({ to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'y2' } });
  await carol.sendMessage(quiet, { messageControlInfo: { excludedFromLastMessage: true } });
  const bob = await readyChat(server, 'bob', proxy.url);
  const received = inbox(bob);
  proxy.drop(texts('y3'));
  await sendText(carol, 'bob', 'y3');
  await sendText(carol, 'bob', 'y4');
  await until(() => received.length === 2);
  await sleep(100);
  expect(received.map((m) => [m.payload.text, m.sequence])).toEqual([
    ['y3', 3],
    ['y4', 4],
  ]);
  expect(proxy.fetchCount()).toBe(1);
  expect(bob.getTotalUnreadMessageCount()).toBe(4);
});

/** A received message as text, or `tip <operationType>` for a group tip. */
function textOrTip(message: ReturnType<typeof inbox>[number]): string | undefined {
  if (message.type !== TYPES.MSG_GRP_TIP) return message.payload.text;
  return `tip ${String((message.payload as { operationType?: number }).operationType)}`;
}

test("a group's first push after joining does not fetch the history before it", async () => {
  const carol = await readyChat(server, 'carol');
  await carol.createGroup({ name: 'open', type: TYPES.GRP_MEETING, groupID: 'open1' });
  for (let i = 1; i <= 5; i++) await sendGroupText(carol, 'open1', `before ${i}`);
  const bob = await readyChat(server, 'bob', proxy.url);
  const received = inbox(bob);
  await bob.joinGroup({ groupID: 'open1' });
  await sendGroupText(carol, 'open1', 'welcome');
  await until(() => received.length === 2);
  await sleep(100);
  // The first is bob's own join tip.
  expect(received.map((m) => [textOrTip(m), m.sequence])).toEqual([
    ['tip 1', 6],
    ['welcome', 7],
  ]);
  expect(proxy.fetchCount()).toBe(0);
});

test('a member removed and added again gets only what is said after, with no fetch of what it missed', async () => {
  const carol = await readyChat(server, 'carol');
  const bob = await readyChat(server, 'bob', proxy.url);
  await carol.createGroup({ name: 'work', type: TYPES.GRP_WORK, groupID: 'work1', memberList: [{ userID: 'bob' }] });
  const received = inbox(bob);
  await sendGroupText(carol, 'work1', 'w1');
  await until(() => received.length === 1);

  await carol.deleteGroupMember({ groupID: 'work1', userIDList: ['bob'] });
  await sendGroupText(carol, 'work1', 'w2 (bob is out)');
  await carol.addGroupMember({ groupID: 'work1', userIDList: ['bob'] });
  await sendGroupText(carol, 'work1', 'w3');
  // Bob also gets system notices (removed, added) in his @TIM#SYSTEM, a conversation of its own.
  const inGroup = () => received.filter((m) => m.type !== TYPES.MSG_GRP_SYS_NOTICE);
  await until(() => inGroup().length === 3);
  await sleep(100);
  // Sequence 2 is the tip of bob's removal, which he does not get; 4 the tip of his return.
  expect(inGroup().map((m) => [textOrTip(m), m.sequence])).toEqual([
    ['w1', 1],
    ['tip 1', 4],
    ['w3', 5],
  ]);
  expect(proxy.fetchCount()).toBe(0);
});

test('a member who quits and joins again gets only what is said after, with no fetch of what it missed', async () => {
  const carol = await readyChat(server, 'carol');
  await carol.createGroup({ name: 'open', type: TYPES.GRP_MEETING, groupID: 'open2' });
  const bob = await readyChat(server, 'bob', proxy.url);
  const received = inbox(bob);
  await bob.joinGroup({ groupID: 'open2' });
  await sendGroupText(carol, 'open2', 'p1');
  await until(() => received.length === 2);

  await bob.quitGroup('open2');
  await sendGroupText(carol, 'open2', 'p2 (bob is out)');
  await bob.joinGroup({ groupID: 'open2' });
  await sendGroupText(carol, 'open2', 'p3');
  await until(() => received.length === 4);
  await sleep(100);
  // Tips: bob's join (1), his quit (3, which he does not get), his return (5).
  expect(received.map((m) => [textOrTip(m), m.sequence])).toEqual([
    ['tip 1', 1],
    ['p1', 2],
    ['tip 1', 5],
    ['p3', 6],
  ]);
  expect(proxy.fetchCount()).toBe(0);
});
