import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_REACTIONS_PER_MESSAGE } from '../../protocol/chat-actions';
import { ErrorCode } from '../../protocol/errors';
import { openPgStore } from '../../server/store/pg/pg-store';
import { SqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { freshDatabase } from '../helpers/services';
import { wireTextDraft } from '../helpers/wire-message';

/** The store's side of revoke/modify (compare-and-set), delete for me, hopping by sequence and by time, and reactions. */
const APP = 1400000001;
const KEY = 'c2c:alice:bob';

type Opened = { store: Store; cleanup: () => void | Promise<void> };

const implementations: Array<[string, () => Promise<Opened>]> = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tidings-actions-'));
      return { store: new SqliteStore(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const database = await freshDatabase();
      return { store: await openPgStore({ connectionString: database.url }), cleanup: () => database.drop() };
    },
  ],
];

const texts = (list: Array<{ payload: { text?: unknown } }>) => list.map((m) => m.payload.text);

/** Stores one text from alice to bob (with this ID and text) on `store`. */
async function send(store: Store, text: string) {
  const [outcome] = await store.commitMessages([
    { app: APP, sender: 'alice', draft: wireTextDraft({ ID: text, payload: { text } }) },
  ]);
  if (!outcome.ok) throw outcome.error;
  return outcome.message;
}

/** The ChatError code `promise` rejects with, or 'resolved'. */
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: number }) => error.code,
  );

describe.each(implementations)('%s store', (_name, open) => {
  let store: Store;
  let cleanup: () => void | Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await open()));
  afterEach(async () => {
    await store.close();
    await cleanup();
    jest.restoreAllMocks();
  });

  /** Stores one text from alice to bob at `seconds` on the clock. */
  async function sendAt(seconds: number, text: string) {
    jest.spyOn(Date, 'now').mockReturnValue(seconds * 1000);
    return send(store, text);
  }

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

    await store.hideMessages(APP, 'bob', KEY, ['one', 'one']);
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
      texts(
        await store.getMessageListHopping({ app: APP, conversationKey: KEY, viewer: 'bob', time, direction, count }),
      );
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

  test('reactions: listed in the order first used, paged users, and the 2300x refusals', async () => {
    const { ID } = await send(store, 'hello');
    let time = 1000;
    const add = (reactionID: string, userID: string) => store.addReaction(APP, KEY, ID, reactionID, userID, ++time);
    await add('smile', 'bob');
    await add('heart', 'alice');
    await add('smile', 'alice');
    expect(await codeOf(add('smile', 'bob'))).toBe(ErrorCode.REACTION_ALREADY_CONTAIN_USER);
    expect(await store.getReactions(APP, KEY, [ID, 'other'], 1, 'alice')).toEqual([
      {
        messageID: ID,
        reactionList: [
          {
            reactionID: 'smile',
            totalUserCount: 2,
            partialUserList: [{ userID: 'bob', nick: '', avatar: '' }],
            reactedByMyself: true,
          },
          {
            reactionID: 'heart',
            totalUserCount: 1,
            partialUserList: [{ userID: 'alice', nick: '', avatar: '' }],
            reactedByMyself: true,
          },
        ],
      },
      { messageID: 'other', reactionList: [] },
    ]);
    expect(await store.getReactionUsers(APP, KEY, ID, 'smile', 1, 5)).toEqual({ userIDs: ['alice'], total: 2 });
    expect(await codeOf(store.getReactionUsers(APP, KEY, ID, 'none', 0, 5))).toBe(ErrorCode.REACTION_NOT_EXISTS);

    expect(await codeOf(store.removeReaction(APP, KEY, ID, 'heart', 'bob'))).toBe(ErrorCode.REACTION_NOT_CONTAIN_USER);
    await store.removeReaction(APP, KEY, ID, 'heart', 'alice');
    expect(await codeOf(store.removeReaction(APP, KEY, ID, 'heart', 'alice'))).toBe(ErrorCode.REACTION_NOT_EXISTS);

    for (let n = 1; n < MAX_REACTIONS_PER_MESSAGE; n++) await add(`r${n}`, 'carol');
    expect(await codeOf(add('one-too-many', 'carol'))).toBe(ErrorCode.REACTION_COUNT_LIMIT);
    await add('r1', 'dave');
  });
});

describe('PostgreSQL: two nodes on one database', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let nodes: Store[];
  beforeEach(async () => {
    database = await freshDatabase();
    nodes = [];
    for (let i = 0; i < 2; i++) nodes.push(await openPgStore({ connectionString: database.url }));
  });
  afterEach(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await database.drop();
  });

  test('of two replaces of one version, on different nodes at once, exactly one wins and the other sees it', async () => {
    for (let round = 0; round < 10; round++) {
      const sent = await send(nodes[0], `m${round}`);
      const edits = nodes.map((_, n) => ({ ...sent, payload: { text: `edit by node ${n}` }, version: 1 }));
      const outcomes = await Promise.all(nodes.map((node, n) => node.replaceMessage(APP, KEY, edits[n], 0)));
      const winners = outcomes.filter((outcome) => outcome?.replaced);
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes) expect(outcome?.message).toEqual(winners[0]!.message);
      expect((await nodes[1].getMessage(APP, KEY, sent.ID))?.message).toEqual(winners[0]!.message);
    }
  });

  test('reaction limits hold when nodes add at the same moment', async () => {
    const { ID } = await send(nodes[0], 'popular');
    for (let n = 1; n < MAX_REACTIONS_PER_MESSAGE; n++) await nodes[0].addReaction(APP, KEY, ID, `r${n}`, 'alice', n);
    // Six new reactions at once where one more fits; and one user's same reaction twice at once.
    const newOnes = Array.from({ length: 6 }, (_, n) =>
      codeOf(nodes[n % 2].addReaction(APP, KEY, ID, `new${n}`, `user${n}`, 100 + n)),
    );
    const twice = nodes.map((node) => codeOf(node.addReaction(APP, KEY, ID, 'r1', 'bob', 200)));
    const codes = await Promise.all(newOnes);
    expect(codes.filter((code) => code === 'resolved')).toHaveLength(1);
    expect(codes.filter((code) => code === ErrorCode.REACTION_COUNT_LIMIT)).toHaveLength(5);
    expect((await Promise.all(twice)).sort()).toEqual([ErrorCode.REACTION_ALREADY_CONTAIN_USER, 'resolved'].sort());
    const [{ reactionList }] = await nodes[1].getReactions(APP, KEY, [ID], 0, null);
    expect(reactionList).toHaveLength(MAX_REACTIONS_PER_MESSAGE);
  });
});
