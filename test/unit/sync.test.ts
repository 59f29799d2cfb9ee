import { Message } from '../../plugin/message';
import { Sync } from '../../plugin/sync/sync';
import type { WireMessage } from '../../protocol/messages';
import type { HistoryRequest, HistoryResult, WireConversation } from '../../protocol/operations';
import { wireText } from '../helpers/wire-message';

const CONV = 'C2Calice';

/** Alice's message `sequence` to bob. */
const message = (sequence: number): WireMessage =>
  wireText({ ID: `m${sequence}`, payload: { text: `m${sequence}` }, time: sequence, sequence });

const listed = (lastSequence: number, unreadCount: number): WireConversation => ({
  conversationID: CONV,
  type: 'C2C',
  unreadCount,
  lastMessage: lastSequence > 0 ? message(lastSequence) : null,
  lastSequence,
});

/**
 * Bob's Sync over a server whose history of alice's conversation holds messages 1..`stored` (the
 * test stores more as it goes). Each history fetch waits until the test answers it, in any order.
 */
function setup() {
  let stored = 0;
  const waiting: Array<() => void> = [];
  const received: number[][] = [];
  const sync = new Sync({
    userID: () => 'bob',
    fetchPage: (request: HistoryRequest) =>
      new Promise<HistoryResult>((resolve) => {
        const before = request.nextReqMessageID ? Number(request.nextReqMessageID.slice(1)) : Infinity;
        waiting.push(() => {
          const older = Array.from({ length: stored }, (_, i) => message(i + 1)).filter((m) => m.sequence < before);
          const page = older.slice(-15);
          resolve({ messageList: page, nextReqMessageID: page[0]?.ID ?? '', isCompleted: older.length <= 15 });
        });
      }),
    toMessage: (wire) => Message.fromWire(wire, 'bob'),
    received: (messages) => received.push(messages.map((m) => m.sequence)),
    changed: () => undefined,
  });
  const unread = () => sync.conversations.totalUnread();
  /** Answers the `index`th waiting fetch (oldest first), and lets the awaits after it run. */
  const answer = async (index = 0) => {
    const [release] = waiting.splice(index, 1);
    if (!release) throw new Error('no fetch is waiting');
    release();
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  const store = (through: number) => (stored = through);
  /** A reconnect whose list is `list`: the catch-up runs, each of its history fetches answered in turn. */
  const reconnect = async (list: WireConversation[], current = true) => {
    const catchingUp = sync.catchUp(
      async () => list,
      () => current,
    );
    await Promise.resolve();
    while (waiting.length > 0) await answer();
    await catchingUp;
  };
  return { sync, received, unread, answer, store, waiting, reconnect };
}

test('a message pushed again after newer ones is ignored: reported once, counted once', () => {
  const { sync, received, unread } = setup();
  sync.login([listed(1, 1)]);
  sync.push(message(2));
  sync.push(message(3));
  sync.push(message(2));
  expect(received).toEqual([[2], [3]]);
  expect(unread()).toBe(3);
});

test('a sequence-0 message is known by its ID', () => {
  const { sync, received } = setup();
  const online = { ...message(0), ID: 'online' };
  sync.push(online);
  sync.push(online);
  expect(received).toEqual([[0]]);
});

test("the login list's lastSequence places the cursor: a push lost right after login is fetched by the next one", async () => {
  const { sync, received, unread, answer, store } = setup();
  store(5);
  sync.login([listed(3, 0)]);
  sync.push(message(5));
  expect(received).toEqual([]);
  await answer();
  expect(received).toEqual([[4, 5]]);
  expect(unread()).toBe(2);
});

test('a push that arrives while the catch-up of its conversation is in flight is reported once, counted once', async () => {
  const { sync, received, unread, answer, store } = setup();
  store(2);
  sync.login([listed(2, 2)]);
  let answerList = (_list: WireConversation[]) => undefined as void;
  const catchingUp = sync.catchUp(
    () => new Promise<WireConversation[]>((resolve) => (answerList = resolve)),
    () => true,
  );
  store(3);
  sync.push(message(3));
  answerList([listed(3, 3)]);
  await Promise.resolve();
  await answer();
  await catchingUp;
  expect(received).toEqual([[3]]);
  expect(unread()).toBe(3);
});

test('a push that comes after the catch-up brought its message is ignored, and the list counts it once', async () => {
  const { sync, received, unread, store, reconnect } = setup();
  sync.login([listed(2, 2)]);
  store(3);
  await reconnect([listed(3, 3)]);
  sync.push(message(3));
  expect(received).toEqual([[3]]);
  expect(unread()).toBe(3);
});

test('a history page with messages already delivered live reports nothing again; one not yet pushed counts once', () => {
  const { sync, received, unread } = setup();
  sync.login([listed(2, 2)]);
  sync.push(message(3));
  sync.historyPage(CONV, [1, 2, 3, 4].map(message));
  expect(received).toEqual([[3]]);
  expect(unread()).toBe(4);
  sync.push(message(4));
  sync.push(message(5));
  expect(received).toEqual([[3], [5]]);
  expect(unread()).toBe(5);
});

test('a conversation list older than a push that overtook it keeps the pushed state; a newer list wins', async () => {
  const { sync, received, unread, reconnect } = setup();
  sync.login([listed(4, 4)]);
  sync.push(message(5));
  // The list was read before m5 was stored.
  await reconnect([listed(4, 4)]);
  expect(sync.conversations.list()[0]).toMatchObject({
    unreadCount: 5,
    lastMessage: { lastSequence: 5, messageForShow: 'm5' },
  });
  sync.push(message(5));
  expect(unread()).toBe(5);
  await reconnect([listed(5, 0)]);
  expect(unread()).toBe(0);
  expect(received).toEqual([[5]]);
});

test.each([
  ['the gap fill', 0],
  ['the catch-up', 1],
])(
  'a gap fill racing a reconnect: each message reported once and counted once when %s answers first',
  async (_name, first) => {
    const { sync, received, unread, answer, store, waiting } = setup();
    sync.login([listed(1, 1)]);
    store(4);
    sync.push(message(4));
    const catchingUp = sync.catchUp(
      async () => [listed(4, 4)],
      () => true,
    );
    await Promise.resolve();
    await Promise.resolve();
    expect(waiting).toHaveLength(2);
    await answer(first);
    await answer();
    await catchingUp;
    expect(received.flat().sort()).toEqual([2, 3, 4]);
    expect(unread()).toBe(4);
  },
);

test('a catch-up from a connection that is no longer current changes nothing', async () => {
  const { sync, received, unread, store, reconnect } = setup();
  sync.login([listed(1, 1)]);
  store(2);
  await reconnect([listed(2, 2)], false);
  expect(received).toEqual([]);
  expect(unread()).toBe(1);
});

test('a group joined again: its next push fetches nothing, and a catch-up starts from what was seen, not from the start', async () => {
  const { sync, received, store, waiting, reconnect } = setup();
  sync.login([listed(2, 0)]);
  sync.forget(CONV);
  store(6);
  sync.push(message(6));
  expect(waiting).toHaveLength(0);
  store(7);
  await reconnect([listed(7, 0)]);
  expect(received).toEqual([[6], [7]]);
});

test('a history page of a group just joined counts nothing: its past is history, not unread', () => {
  const { sync, received, unread } = setup();
  sync.historyPage(CONV, [1, 2, 3].map(message));
  sync.push(message(4));
  expect(received).toEqual([[4]]);
  expect(unread()).toBe(1);
});
