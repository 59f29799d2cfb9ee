import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WireMessageDraft } from '../../protocol/messages';
import { conversationKeyOf } from '../../server/store/conversation-key';
import { openPgStore } from '../../server/store/pg/pg-store';
import { SqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { freshDatabase } from '../helpers/services';
import { wireTextDraft } from '../helpers/wire-message';

/**
 * The Store contract. Every implementation must pass it: SQLite in this thread, SQLite on
 * its own thread as the server runs it (from dist/, which `npm test` builds first), and
 * PostgreSQL (a database of its own per test, dropped after).
 */
const implementations: Array<[string, () => Promise<{ store: Store; cleanup: () => void | Promise<void> }>]> = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tidings-store-'));
      return { store: new SqliteStore(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
  [
    'SQLite on a worker thread',
    async () => {
      const { WorkerStore } =
        require('../../dist/node/server/store/worker-store') as typeof import('../../server/store/worker-store');
      const dir = mkdtempSync(join(tmpdir(), 'tidings-store-'));
      return { store: await WorkerStore.open(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
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

const APP = 1400000001;
let counter = 0;
const draft = (to: string, text = 'hello'): WireMessageDraft =>
  wireTextDraft({ ID: `id-${++counter}`, to, payload: { text } });

describe.each(implementations)('%s store', (_name, make) => {
  let store: Store;
  let cleanup: () => void | Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await make()));
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const send = async (sender: string, d: WireMessageDraft) => {
    const [outcome] = await store.commitMessages([{ app: APP, sender, draft: d }]);
    if (!outcome.ok) throw outcome.error;
    return outcome;
  };

  test('sequences count up per conversation, the same for both sides', async () => {
    const a1 = await send('alice', draft('bob'));
    const b1 = await send('bob', draft('alice'));
    const c1 = await send('alice', draft('carol'));
    expect([a1.message.sequence, b1.message.sequence, c1.message.sequence]).toEqual([1, 2, 1]);
  });

  test('one transaction keeps the order it was given', async () => {
    const outcomes = await store.commitMessages(
      [1, 2, 3].map((n) => ({ app: APP, sender: 'alice', draft: draft('bob', `m${n}`) })),
    );
    expect(outcomes.map((o) => o.ok && o.message.sequence)).toEqual([1, 2, 3]);
    const [bobView] = await store.getConversationList(APP, 'bob');
    expect(bobView).toMatchObject({
      conversationID: 'C2Calice',
      unreadCount: 3,
      lastMessage: { sequence: 3, payload: { text: 'm3' } },
    });
  });

  test('a repeated ID from the same sender is the first result, flagged as a duplicate, and stored once', async () => {
    const d = draft('bob');
    const first = await send('alice', d);
    const again = await send('alice', { ...d, payload: { text: 'changed' } });
    expect(again).toEqual({ ...first, duplicate: true, recipients: [] });
    const page = await store.getMessageList({
      app: APP,
      conversationKey: conversationKeyOf('alice', d),
      conversationID: 'C2Cbob',
      viewer: 'alice',
      count: 15,
    });
    expect(page.messageList).toHaveLength(1);
  });

  test('history pages go backwards 15 at a time, oldest first within a page', async () => {
    for (let n = 1; n <= 32; n++) await send(n % 2 ? 'alice' : 'bob', draft(n % 2 ? 'bob' : 'alice', `m${n}`));
    const conversationKey = conversationKeyOf('alice', { conversationType: 'C2C', to: 'bob' });
    const query = { app: APP, conversationKey, conversationID: 'C2Cbob', viewer: 'alice', count: 15 };
    const first = await store.getMessageList(query);
    expect(first.messageList.map((m) => m.payload.text)).toEqual(Array.from({ length: 15 }, (_, i) => `m${18 + i}`));
    expect(first).toMatchObject({ isCompleted: false, nextReqMessageID: first.messageList[0].ID });
    const second = await store.getMessageList({ ...query, nextReqMessageID: first.nextReqMessageID });
    expect(second.messageList.map((m) => m.sequence)).toEqual(Array.from({ length: 15 }, (_, i) => 3 + i));
    const third = await store.getMessageList({ ...query, nextReqMessageID: second.nextReqMessageID });
    expect(third.messageList.map((m) => m.sequence)).toEqual([1, 2]);
    expect(third.isCompleted).toBe(true);
  });

  test('conversations list unread for the receiver only, the last message, newest first; read clears unread', async () => {
    await send('alice', draft('bob', 'one'));
    await send('alice', draft('bob', 'two'));
    await send('carol', draft('bob', 'three'));
    const list = await store.getConversationList(APP, 'bob');
    expect(list.map((c) => [c.conversationID, c.unreadCount, c.lastMessage?.payload.text])).toEqual([
      ['C2Ccarol', 1, 'three'],
      ['C2Calice', 2, 'two'],
    ]);
    expect((await store.getConversationList(APP, 'alice')).map((c) => [c.conversationID, c.unreadCount])).toEqual([
      ['C2Cbob', 0],
    ]);
    await store.setMessageRead(APP, 'bob', 'C2Calice');
    expect((await store.getConversationList(APP, 'bob')).map((c) => c.unreadCount)).toEqual([1, 0]);
  });

  test("the conversation list says each conversation's last sequence, also when lastMessage skips the newest", async () => {
    await send('alice', draft('bob', 'one'));
    const quiet = { app: APP, sender: 'alice', draft: draft('bob', 'quiet') };
    await store.commitMessages([{ ...quiet, messageControlInfo: { excludedFromLastMessage: true } }]);
    expect(await store.getConversationList(APP, 'bob')).toMatchObject([
      { conversationID: 'C2Calice', lastSequence: 2, lastMessage: { sequence: 1, payload: { text: 'one' } } },
    ]);
  });

  test('a message to oneself is one conversation with nothing unread', async () => {
    await send('alice', draft('alice', 'note to self'));
    expect(await store.getConversationList(APP, 'alice')).toMatchObject([
      { conversationID: 'C2Calice', unreadCount: 0 },
    ]);
  });

  test('an ID taken by another sender comes back as a ChatError 90005 outcome', async () => {
    const d = draft('bob');
    await send('alice', d);
    const [outcome] = await store.commitMessages([{ app: APP, sender: 'bob', draft: { ...d, to: 'alice' } }]);
    expect(outcome.ok).toBe(false);
    // By name: the worker's ChatError class is the one built into dist/, not this file's import.
    expect(!outcome.ok && outcome.error).toMatchObject({ name: 'ChatError', code: 90005 });
  });

  test('a thrown ChatError keeps its code', async () => {
    const query = {
      app: APP,
      conversationKey: 'c2c:alice:bob',
      conversationID: 'C2Cbob',
      viewer: 'alice',
      count: 15,
      nextReqMessageID: 'missing',
    };
    await expect(store.getMessageList(query)).rejects.toMatchObject({ name: 'ChatError', code: 90003 });
  });

  test('the relation rules are checked in the same transaction: blacklist 20007, friend check 20009, nothing stored', async () => {
    await store.addToBlacklist(APP, 'bob', ['mallory']);
    const [blocked] = await store.commitMessages([{ app: APP, sender: 'mallory', draft: draft('bob') }]);
    expect(!blocked.ok && blocked.error).toMatchObject({ code: 20007 });
    const [stranger] = await store.commitMessages([
      { app: APP, sender: 'carol', draft: draft('bob'), friendCheck: true },
    ]);
    expect(!stranger.ok && stranger.error).toMatchObject({ code: 20009 });
    await store.addFriend(APP, 'carol', { to: 'bob' }, 'AllowType_Type_AllowAny', 1);
    const [friend] = await store.commitMessages([
      { app: APP, sender: 'carol', draft: draft('bob'), friendCheck: true },
    ]);
    expect(friend.ok).toBe(true);
    expect((await store.getConversationList(APP, 'bob')).map((c) => c.conversationID)).toEqual(['C2Ccarol']);
  });

  test('apps do not see each other', async () => {
    await send('alice', draft('bob'));
    expect(await store.getConversationList(APP + 1, 'bob')).toEqual([]);
  });

  test('group sends fan out to members (or the receiverList), and refuse outsiders and unknown groups', async () => {
    await store.createGroup(APP, { groupID: 'g1', name: 'g', type: 'Public', ownerID: 'alice', createTime: 1 }, [
      'bob',
      'carol',
    ]);
    const group = (to: string, extra: Partial<WireMessageDraft> = {}): WireMessageDraft => ({
      ...draft(to),
      conversationType: 'GROUP',
      ...extra,
    });
    const [all, targeted, outsider, unknown] = await store.commitMessages([
      { app: APP, sender: 'alice', draft: group('g1') },
      { app: APP, sender: 'alice', draft: group('g1', { receiverList: ['bob'] }) },
      { app: APP, sender: 'dave', draft: group('g1') },
      { app: APP, sender: 'alice', draft: group('nope') },
    ]);
    expect(all).toMatchObject({ ok: true, recipients: ['bob', 'carol'], message: { sequence: 1 } });
    expect(targeted).toMatchObject({ ok: true, recipients: ['bob'], message: { sequence: 2 } });
    expect(outsider).toMatchObject({ ok: false, error: { code: 10007 } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 10010 } });
    const page = (viewer: string) =>
      store.getMessageList({ app: APP, conversationKey: 'group:g1', conversationID: 'GROUPg1', viewer, count: 15 });
    expect((await page('carol')).messageList).toHaveLength(1);
    expect((await page('bob')).messageList).toHaveLength(2);
  });

  test('a receiverList naming someone outside the group is refused with 90003, nothing stored', async () => {
    await store.createGroup(APP, { groupID: 'g3', name: 'g', type: 'Public', ownerID: 'alice', createTime: 1 }, [
      'bob',
    ]);
    const [outcome] = await store.commitMessages([
      { app: APP, sender: 'alice', draft: { ...draft('g3'), conversationType: 'GROUP', receiverList: ['bob', 'zed'] } },
    ]);
    expect(!outcome.ok && outcome.error).toMatchObject({
      code: 90003,
      message: expect.stringMatching(/zed, who is not in group g3/),
    });
    expect(await store.getConversationList(APP, 'bob')).toEqual([]);
  });

  test('an unstored send reaches whom a commit would, and is refused for the same reasons, without storing anything', async () => {
    await store.createGroup(APP, { groupID: 'g4', name: 'g', type: 'Public', ownerID: 'alice', createTime: 1 }, [
      'bob',
      'carol',
    ]);
    const group = (extra: Partial<WireMessageDraft> = {}): WireMessageDraft => ({
      ...draft('g4'),
      conversationType: 'GROUP',
      ...extra,
    });
    expect(await store.recipientsOf({ app: APP, sender: 'alice', draft: group() })).toEqual({
      ok: true,
      recipients: ['bob', 'carol'],
    });
    expect(
      await store.recipientsOf({ app: APP, sender: 'alice', draft: group({ receiverList: ['carol', 'alice'] }) }),
    ).toEqual({ ok: true, recipients: ['carol'] });
    expect(await store.recipientsOf({ app: APP, sender: 'dave', draft: group() })).toMatchObject({
      ok: false,
      error: { code: 10007 },
    });
    expect(await store.recipientsOf({ app: APP, sender: 'alice', draft: draft('alice') })).toEqual({
      ok: true,
      recipients: [],
    });
    await store.addToBlacklist(APP, 'bob', ['mallory']);
    expect(await store.recipientsOf({ app: APP, sender: 'mallory', draft: draft('bob') })).toMatchObject({
      ok: false,
      error: { name: 'ChatError', code: 20007 },
    });
    expect(
      await store.recipientsOf({ app: APP, sender: 'carol', draft: draft('bob'), friendCheck: true }),
    ).toMatchObject({ ok: false, error: { code: 20009 } });
    expect(await store.getConversationList(APP, 'bob')).toEqual([]);
  });

  test("a dismissed group's ID is never given out again (90007), so its history stays with it", async () => {
    const town = { groupID: 'town', name: 'g', type: 'Public' as const, ownerID: 'alice', createTime: 1 };
    await store.createGroup(APP, town, ['bob']);
    expect(await store.deleteGroup(APP, 'town')).toEqual(['alice', 'bob']);
    await expect(store.createGroup(APP, { ...town, ownerID: 'mallory' }, [])).rejects.toMatchObject({
      code: 90007,
      message: expect.stringMatching(/dismissed/),
    });
    expect(await store.getGroup(APP, 'town', 'mallory')).toBeNull();
  });

  test('profiles: defaults for a user without one, updates merge custom fields by key, per app, 20 custom fields at most', async () => {
    expect(await store.getProfile(APP, 'nora')).toMatchObject({ userID: 'nora', nick: '', lastUpdatedTime: 0 });
    const custom = (key: string, value: string) => ({ key: `Tag_Profile_Custom_${key}`, value });
    await store.updateProfile(
      APP,
      'nora',
      { nick: 'Nora', profileCustomField: [custom('a', '1'), custom('b', '2')] },
      10,
    );
    const after = await store.updateProfile(
      APP,
      'nora',
      { level: 3, profileCustomField: [custom('a', ''), custom('c', '3')] },
      11,
    );
    expect(after).toMatchObject({ nick: 'Nora', level: 3, lastUpdatedTime: 11 });
    expect(after.profileCustomField).toEqual([custom('b', '2'), custom('c', '3')]);
    expect(await store.getProfiles(APP, ['nora', 'otto'])).toEqual([
      after,
      expect.objectContaining({ userID: 'otto', nick: '' }),
    ]);
    expect((await store.getProfile(APP + 1, 'nora')).nick).toBe('');
    const many = Array.from({ length: 19 }, (_, i) => custom(`k${i}`, 'v'));
    await expect(
      store.updateProfile(APP, 'nora', { nick: 'Changed', profileCustomField: many }, 12),
    ).rejects.toMatchObject({
      code: 90003,
    });
    expect(await store.getProfile(APP, 'nora')).toEqual(after);
  });

  test('every method takes and returns plain data that survives structuredClone (so the store can sit behind a worker proxy)', async () => {
    const plain = async (result: Promise<unknown>) => {
      const value = await result;
      expect(structuredClone(value)).toEqual(value);
      return value;
    };
    await plain(
      store.createGroup(APP, { groupID: 'g2', name: 'g', type: 'Private', ownerID: 'alice', createTime: 1 }, ['bob']),
    );
    await expect(
      store.createGroup(APP, { groupID: 'g2', name: 'g', type: 'Private', ownerID: 'bob', createTime: 1 }, []),
    ).rejects.toMatchObject({ code: 90007 });
    const [sent] = (await plain(
      store.commitMessages([
        { app: APP, sender: 'alice', draft: { ...draft('g2'), conversationType: 'GROUP', isSupportExtension: true } },
      ]),
    )) as Array<{ ok: true; message: { ID: string } }>;
    const ID = sent.message.ID;
    await plain(store.getGroup(APP, 'g2', 'bob'));
    await plain(store.getGroupMembers(APP, 'g2'));
    await plain(store.getGroupList(APP, 'bob'));
    await plain(store.addGroupMembers(APP, 'g2', ['carol', 'bob'], 2));
    await plain(store.removeGroupMembers(APP, 'g2', ['carol']));
    await plain(store.getConversationList(APP, 'bob'));
    await plain(store.setMessageRead(APP, 'bob', 'GROUPg2'));
    await plain(store.getMessage(APP, 'group:g2', ID));
    await plain(store.addReadReceipts(APP, 'group:g2', [ID], 'bob'));
    await plain(store.countReadReceipts(APP, 'group:g2', [ID]));
    await plain(store.setExtensions(APP, 'group:g2', ID, [{ key: 'k', value: 'v' }]));
    await plain(store.getExtensions(APP, 'group:g2', ID));
    await plain(store.deleteExtensions(APP, 'group:g2', ID, null));
    await plain(store.addFriend(APP, 'alice', { to: 'bob', remark: 'B' }, 'AllowType_Type_AllowAny', 3));
    await plain(store.getFriendList(APP, 'alice'));
    await plain(store.getFriendProfiles(APP, 'alice', ['bob']));
    await plain(store.checkFriends(APP, 'alice', ['bob'], 'CheckResult_Type_Both'));
    await plain(store.updateFriend(APP, 'alice', 'bob', { remark: 'Bobby' }));
    await plain(store.deleteFriends(APP, 'alice', ['bob'], true));
    await plain(store.addFriend(APP, 'alice', { to: 'bob' }, 'AllowType_Type_NeedConfirm', 4));
    await plain(store.getFriendApplications(APP, 'bob'));
    await plain(store.setFriendApplicationsRead(APP, 'bob'));
    await plain(store.acceptFriendApplication(APP, 'bob', 'alice', 'Response_Action_AgreeAndAdd', '', 5));
    await plain(store.addToBlacklist(APP, 'alice', ['bob']));
    await plain(store.getBlacklist(APP, 'alice'));
    await plain(
      store.updateProfile(
        APP,
        'alice',
        { nick: 'A', profileCustomField: [{ key: 'Tag_Profile_Custom_x', value: 'v' }] },
        4,
      ),
    );
    await plain(store.getProfile(APP, 'alice'));
    await plain(store.getProfiles(APP, ['alice', 'bob']));
    await plain(store.removeFromBlacklist(APP, 'alice', ['bob']));
    await plain(store.addFriend(APP, 'carol', { to: 'dave', groupName: 'g' }, 'AllowType_Type_AllowAny', 6));
    await plain(store.createFriendGroup(APP, 'carol', 'h', ['dave', 'erin']));
    await plain(store.changeFriendGroup(APP, 'carol', 'h', ['dave'], false));
    await plain(store.renameFriendGroup(APP, 'carol', 'h', 'i'));
    await plain(store.getFriendGroups(APP, 'carol'));
    await plain(store.deleteFriendGroup(APP, 'carol', 'i'));
    await plain(store.enableTopics(APP, 'g2'));
    await plain(store.supportsTopics(APP, 'g2'));
    await plain(store.createTopic(APP, 'g2', 'g2@TOPIC#_t', { topicName: 't' }, 6));
    await plain(store.updateTopic(APP, 'g2', 'g2@TOPIC#_t', { introduction: 'i' }));
    await plain(store.getTopic(APP, 'g2', 'g2@TOPIC#_t', 'bob'));
    await plain(store.getTopics(APP, 'g2', null, 'bob'));
    await plain(store.deleteTopics(APP, 'g2', ['g2@TOPIC#_t', 'g2@TOPIC#_u']));
    expect(
      await plain(
        store.recipientsOf({ app: APP, sender: 'alice', draft: { ...draft('g2'), conversationType: 'GROUP' } }),
      ),
    ).toEqual({ ok: true, recipients: ['bob'] });
    expect(await plain(store.deleteGroup(APP, 'g2'))).toEqual(['alice', 'bob']);
  });
});

test('SQLite acknowledges only fsynced commits: WAL with synchronous=FULL', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tidings-store-'));
  const store = new SqliteStore(dir);
  const db = (store as unknown as { db: { pragma(q: string, o: { simple: true }): unknown } }).db;
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('synchronous', { simple: true })).toBe(2);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
