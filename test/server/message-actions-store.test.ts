import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../server/store/sqlite';
import { wireTextDraft } from '../helpers/wire-message';

/** The store's side of revoke/modify (compare-and-set), delete for me, and hopping by sequence and by time. */
const APP = 1400000001;
const KEY = 'c2c:alice:bob';
let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tidings-actions-'));
  store = new SqliteStore(dir);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

/** Stores one text from alice to bob at `seconds` on the clock. */
async function sendAt(seconds: number, text: string) {
  jest.spyOn(Date, 'now').mockReturnValue(seconds * 1000);
  const [outcome] = await store.commitMessages([
    { app: APP, sender: 'alice', draft: wireTextDraft({ ID: text, payload: { text } }) },
  ]);
  if (!outcome.ok) throw outcome.error;
  return outcome.message;
}

const texts = (list: Array<{ payload: { text?: unknown } }>) => list.map((m) => m.payload.text);

test('replaceMessage stores the new message only if the version is still the one expected', async () => {
  const sent = await sendAt(100, 'a');
  const edited = { ...sent, payload: { text: 'b' }, version: 1 };
  expect(await store.replaceMessage(APP, KEY, edited, 0)).toEqual({ replaced: true, message: edited });
  const stale = { ...sent, payload: { text: 'c' }, version: 1 };
  expect(await store.replaceMessage(APP, KEY, stale, 0)).toEqual({ replaced: false, message: edited });
  expect(await store.replaceMessage(APP, KEY, { ...sent, ID: 'nope' }, 0)).toBeNull();
  expect((await store.getMessage(APP, KEY, sent.ID))?.message).toEqual(edited);
});

test('hidden messages leave one user’s history, hopping and lastMessage; the other user keeps them', async () => {
  await sendAt(100, 'one');
  await sendAt(101, 'two');
  await store.hideMessages(APP, 'bob', KEY, ['two', 'no-such-id']);
  const page = (viewer: string, conversationID: string) =>
    store.getMessageList({ app: APP, conversationKey: KEY, conversationID, viewer, count: 15 });
  expect(texts((await page('bob', 'C2Calice')).messageList)).toEqual(['one']);
  expect(texts((await page('alice', 'C2Cbob')).messageList)).toEqual(['one', 'two']);
  const [bobs] = await store.getConversationList(APP, 'bob');
  expect(bobs.lastMessage?.payload.text).toBe('one');
  expect(bobs.lastSequence).toBe(2);
  const [alices] = await store.getConversationList(APP, 'alice');
  expect(alices.lastMessage?.payload.text).toBe('two');

  await store.hideMessages(APP, 'bob', KEY, ['one']);
  expect((await store.getConversationList(APP, 'bob'))[0].lastMessage).toBeNull();
  const hop = { app: APP, conversationKey: KEY, viewer: 'bob', sequence: 1, direction: 1 as const, count: 15 };
  expect(await store.getMessageListHopping(hop)).toEqual([]);
});

test('hopping by time finds the last message at or before it (older) or the first at or after it (newer)', async () => {
  // Two messages share second 200; none is at 300.
  for (const [seconds, text] of [
    [100, 'a'],
    [200, 'b'],
    [200, 'c'],
    [400, 'd'],
    [500, 'e'],
  ] as const)
    await sendAt(seconds, text);
  const hop = async (time: number, direction: 0 | 1, count = 15) =>
    texts(await store.getMessageListHopping({ app: APP, conversationKey: KEY, viewer: 'bob', time, direction, count }));
  expect(await hop(200, 0)).toEqual(['a', 'b', 'c']);
  expect(await hop(200, 1)).toEqual(['b', 'c', 'd', 'e']);
  expect(await hop(300, 0)).toEqual(['a', 'b', 'c']);
  expect(await hop(300, 1)).toEqual(['d', 'e']);
  expect(await hop(300, 1, 1)).toEqual(['d']);
  expect(await hop(99, 0)).toEqual([]);
  expect(await hop(99, 1, 2)).toEqual(['a', 'b']);
  expect(await hop(501, 1)).toEqual([]);
  expect(await hop(10_000, 0, 2)).toEqual(['d', 'e']);
  const none = { app: APP, conversationKey: 'c2c:x:y', viewer: 'x', time: 100, direction: 0 as const, count: 15 };
  expect(await store.getMessageListHopping(none)).toEqual([]);
});
