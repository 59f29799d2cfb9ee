import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WireMessageDraft } from '../../protocol/messages';
import { openPgStore } from '../../server/store/pg/pg-store';
import { SqliteStore } from '../../server/store/sqlite';
import type { Store } from '../../server/store/store';
import { freshDatabase } from '../helpers/services';
import { wireTextDraft } from '../helpers/wire-message';

/**
 * The group, group management and topic parts of the Store, on both implementations: PostgreSQL
 * must answer case for case what SQLite answers. Then what only a shared database has to get
 * right: two stores (two nodes) writing the same group at once.
 */
const APP = 1400000001;

const implementations: Array<[string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>]> = [
  [
    'SQLite',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tidings-groups-'));
      return { store: new SqliteStore(dir), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
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

const group = (groupID: string, ownerID = 'alice', createTime = 1) => ({
  groupID,
  name: `name of ${groupID}`,
  type: 'Public' as const,
  ownerID,
  createTime,
});

let counter = 0;
const groupDraft = (to: string, text = 'hello'): WireMessageDraft =>
  wireTextDraft({ ID: `gid-${++counter}`, to, conversationType: 'GROUP', payload: { text } });

describe.each(implementations)('%s group store', (_name, make) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await make()));
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const send = async (sender: string, draft: WireMessageDraft) => {
    const [outcome] = await store.commitMessages([{ app: APP, sender, draft }]);
    if (!outcome.ok) throw outcome.error;
    return outcome.message;
  };

  test('a new group has its owner first, then its members; its ID is taken (90007) while it lives', async () => {
    await store.createGroup(APP, group('g'), ['bob', 'alice', 'carol']);
    expect((await store.getGroupMembers(APP, 'g')).map((m) => [m.userID, m.role])).toEqual([
      ['alice', 'Owner'],
      ['bob', 'Member'],
      ['carol', 'Member'],
    ]);
    await expect(store.createGroup(APP, group('g', 'mallory'), [])).rejects.toMatchObject({
      code: 90007,
      message: expect.stringMatching(/already used/),
    });
    expect(await store.getGroup(APP, 'g', 'bob')).toMatchObject({
      groupID: 'g',
      ownerID: 'alice',
      memberCount: 3,
      joinOption: expect.any(String),
      muteAllMembers: false,
      groupCustomField: [],
      selfInfo: { role: 'Member', joinTime: 1, muteUntil: 0, nameCard: '' },
    });
    expect(await store.getGroup(APP, 'g', 'mallory')).not.toHaveProperty('selfInfo');
    expect(await store.getGroup(APP, 'nope')).toBeNull();
    expect(await store.getGroup(APP + 1, 'g')).toBeNull();
  });

  test('members are listed by join time, then by ID in binary order (capitals first), whatever the locale', async () => {
    await store.createGroup(APP, group('g'), ['b', 'B', 'a']);
    await store.addGroupMembers(APP, 'g', ['Z', 'z'], 0);
    expect((await store.getGroupMembers(APP, 'g')).map((m) => m.userID)).toEqual(['Z', 'z', 'B', 'a', 'alice', 'b']);
  });

  test('adding answers who was added and who was already in; removing answers who was removed', async () => {
    await store.createGroup(APP, group('g'), ['bob']);
    expect(await store.addGroupMembers(APP, 'g', ['carol', 'bob', 'dave', 'carol', 'alice'], 5)).toEqual({
      added: ['carol', 'dave'],
      existed: ['bob', 'alice'],
    });
    expect((await store.getGroupMembers(APP, 'g')).find((m) => m.userID === 'dave')).toMatchObject({
      role: 'Member',
      joinTime: 5,
    });
    expect(await store.removeGroupMembers(APP, 'g', ['dave', 'erin', 'dave', 'bob'])).toEqual(['dave', 'bob']);
    expect((await store.getGroupMembers(APP, 'g')).map((m) => m.userID)).toEqual(['alice', 'carol']);
  });

  test("a user's group list holds the groups they are in, oldest first, with their own membership", async () => {
    await store.createGroup(APP, group('late', 'alice', 3), ['bob']);
    await store.createGroup(APP, group('early', 'bob', 2), []);
    await store.createGroup(APP, group('other', 'carol', 1), []);
    const list = await store.getGroupList(APP, 'bob');
    expect(list.map((g) => [g.groupID, g.selfInfo?.role, g.memberCount])).toEqual([
      ['early', 'Owner', 1],
      ['late', 'Member', 2],
    ]);
    expect(await store.getGroupList(APP, 'nobody')).toEqual([]);
  });

  test('deleting a group answers its members, keeps its history, and keeps its ID from ever being reused', async () => {
    await store.createGroup(APP, group('town'), ['bob']);
    const sent = await send('alice', groupDraft('town'));
    expect(await store.deleteGroup(APP, 'town')).toEqual(['alice', 'bob']);
    expect(await store.getGroup(APP, 'town')).toBeNull();
    expect(await store.getGroupMembers(APP, 'town')).toEqual([]);
    expect((await store.getMessage(APP, 'group:town', sent.ID))?.message.payload).toEqual({ text: 'hello' });
    await expect(store.createGroup(APP, group('town', 'mallory'), [])).rejects.toMatchObject({
      code: 90007,
      message: expect.stringMatching(/dismissed/),
    });
    expect(await store.getGroupList(APP, 'mallory')).toEqual([]);
  });

  test('the profile changes what it names; custom fields merge by key and an empty value deletes one', async () => {
    await store.createGroup(APP, group('g'), []);
    await store.updateGroupProfile(APP, 'g', {
      name: 'new',
      introduction: 'intro',
      muteAllMembers: true,
      joinOption: 'NeedPermission',
      groupCustomField: [
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ],
    });
    await store.updateGroupProfile(APP, 'g', {
      notification: 'note',
      groupCustomField: [
        { key: 'a', value: '' },
        { key: 'c', value: '3' },
      ],
    });
    expect(await store.getGroup(APP, 'g')).toMatchObject({
      name: 'new',
      introduction: 'intro',
      notification: 'note',
      avatar: '',
      muteAllMembers: true,
      joinOption: 'NeedPermission',
      groupCustomField: [
        { key: 'b', value: '2' },
        { key: 'c', value: '3' },
      ],
    });
    await store.updateGroupProfile(APP, 'g', { muteAllMembers: false });
    expect((await store.getGroup(APP, 'g'))?.muteAllMembers).toBe(false);
  });

  test('members: roles, muting, name cards and custom fields; false for a non-member; ownership moves', async () => {
    await store.createGroup(APP, group('g'), ['bob', 'carol']);
    expect(
      await store.updateGroupMember(APP, 'g', 'bob', {
        role: 'Admin',
        muteUntil: 99,
        nameCard: 'B',
        memberCustomField: [{ key: 'k', value: 'v' }],
      }),
    ).toBe(true);
    expect(await store.updateGroupMember(APP, 'g', 'mallory', { nameCard: 'M' })).toBe(false);
    expect(await store.getGroupMemberProfiles(APP, 'g', ['mallory', 'bob', 'alice'])).toEqual([
      {
        userID: 'bob',
        role: 'Admin',
        joinTime: 1,
        nameCard: 'B',
        muteUntil: 99,
        memberCustomField: [{ key: 'k', value: 'v' }],
      },
      { userID: 'alice', role: 'Owner', joinTime: 1, nameCard: '', muteUntil: 0, memberCustomField: [] },
    ]);
    await store.changeGroupOwner(APP, 'g', 'alice', 'carol');
    expect((await store.getGroup(APP, 'g'))?.ownerID).toBe('carol');
    expect((await store.getGroupMembers(APP, 'g')).map((m) => m.role)).toEqual(['Member', 'Admin', 'Owner']);
  });

  test('join requests: a renewal keeps the note unless it brings one, and one taken is gone', async () => {
    const ask = (groupID: string, applicant: string, note: string, time: number) =>
      store.addGroupApplication(APP, { groupID, applicant, note, time });
    expect(await ask('g', 'bob', 'let me in', 1)).toBe(true);
    expect(await ask('g', 'bob', '', 3)).toBe(false);
    expect(await ask('g', 'Carol', 'me too', 3)).toBe(true);
    expect(await ask('h', 'dave', 'and me', 2)).toBe(true);
    expect(await store.getGroupApplications(APP, ['h', 'g', 'none'])).toEqual([
      { groupID: 'h', applicant: 'dave', note: 'and me', time: 2 },
      { groupID: 'g', applicant: 'Carol', note: 'me too', time: 3 },
      { groupID: 'g', applicant: 'bob', note: 'let me in', time: 3 },
    ]);
    expect(await store.takeGroupApplication(APP, 'g', 'bob')).toEqual({
      groupID: 'g',
      applicant: 'bob',
      note: 'let me in',
      time: 3,
    });
    expect(await store.takeGroupApplication(APP, 'g', 'bob')).toBeNull();
    expect(await ask('g', 'bob', 'again', 4)).toBe(true);
  });

  test('attributes are initialised, set, deleted; counters set and added to, __proto__ a key like any other', async () => {
    await store.createGroup(APP, group('g'), []);
    expect(await store.getGroupAttributes(APP, 'g')).toEqual({});
    await store.writeGroupAttributes(APP, 'g', { mode: 'set', attributes: { old: 'x' } });
    expect(await store.writeGroupAttributes(APP, 'g', { mode: 'init', attributes: { a: '1', b: '2' } })).toEqual({
      a: '1',
      b: '2',
    });
    expect(await store.writeGroupAttributes(APP, 'g', { mode: 'set', attributes: { b: '3', c: '4' } })).toEqual({
      a: '1',
      b: '3',
      c: '4',
    });
    expect(await store.writeGroupAttributes(APP, 'g', { mode: 'delete', keys: ['a', 'zz'] })).toEqual({
      b: '3',
      c: '4',
    });
    expect(await store.getGroupAttributes(APP, 'g')).toEqual({ b: '3', c: '4' });

    expect(await store.writeGroupCounters(APP, 'g', { mode: 'set', counters: { likes: 10, seats: 2 } })).toEqual({
      likes: 10,
      seats: 2,
    });
    expect(await store.writeGroupCounters(APP, 'g', { mode: 'add', key: 'likes', delta: -15 })).toEqual({
      likes: -5,
      seats: 2,
    });
    const withProto = await store.writeGroupCounters(APP, 'g', { mode: 'add', key: '__proto__', delta: 1 });
    expect(Object.entries(withProto)).toEqual([
      ['likes', -5],
      ['seats', 2],
      ['__proto__', 1],
    ]);
    expect(Object.entries(await store.getGroupCounters(APP, 'g'))).toEqual(Object.entries(withProto));
    expect(await store.getGroupCounters(APP, 'nope')).toEqual({});
  });

  test("topics: created once (90007 again), updated field by field, listed with the viewer's unread and last message, deleted", async () => {
    await store.createGroup(APP, group('c'), ['bob']);
    expect(await store.supportsTopics(APP, 'c')).toBe(false);
    await store.enableTopics(APP, 'c');
    await store.enableTopics(APP, 'c');
    expect(await store.supportsTopics(APP, 'c')).toBe(true);
    const t1 = 'c@TOPIC#_one';
    const t2 = 'c@TOPIC#_two';
    await store.createTopic(APP, 'c', t1, { topicName: 'one', customData: 'x' }, 10);
    await store.createTopic(APP, 'c', t2, {}, 11);
    await expect(store.createTopic(APP, 'c', t1, {}, 12)).rejects.toMatchObject({ code: 90007 });
    await store.updateTopic(APP, 'c', t1, { introduction: 'about one' });
    await expect(store.updateTopic(APP, 'c', 'c@TOPIC#_nope', { introduction: 'i' })).rejects.toMatchObject({
      code: 10010,
    });

    const sent = await send('alice', groupDraft(t1, 'in topic one'));
    const one = await store.getTopic(APP, 'c', t1, 'bob');
    expect(one).toMatchObject({
      topicID: t1,
      topicName: 'one',
      introduction: 'about one',
      customData: 'x',
      createTime: 10,
      unreadCount: 1,
      lastMessage: { ID: sent.ID, payload: { text: 'in topic one' } },
      groupAtInfoList: [],
    });
    expect((await store.getTopic(APP, 'c', t1, 'alice')).unreadCount).toBe(0);
    await expect(store.getTopic(APP, 'c', 'c@TOPIC#_nope', 'bob')).rejects.toMatchObject({ code: 10010 });

    const listed = await store.getTopics(APP, 'c', [t2, 'c@TOPIC#_nope', t1], 'bob');
    expect(listed.successTopicList.map((t) => [t.topicID, t.unreadCount])).toEqual([
      [t2, 0],
      [t1, 1],
    ]);
    expect(listed.failureTopicList).toEqual([
      { topicID: 'c@TOPIC#_nope', code: 10010, message: expect.stringMatching(/does not exist/) },
    ]);
    expect((await store.getTopics(APP, 'c', null, 'bob')).successTopicList.map((t) => t.topicID)).toEqual([t1, t2]);

    expect(await store.deleteTopics(APP, 'c', [t2, 'c@TOPIC#_nope', t2])).toEqual({
      deleted: [t2],
      missing: ['c@TOPIC#_nope'],
    });
    await store.createTopic(APP, 'c', t2, {}, 13);
    expect(await store.deleteTopics(APP, 'c', null)).toEqual({ deleted: [t1, t2], missing: [] });
    expect((await store.getTopics(APP, 'c', null, 'bob')).successTopicList).toEqual([]);
    expect((await store.getMessage(APP, `group:${t1}`, sent.ID))?.message.ID).toBe(sent.ID);
  });
});

describe('PostgreSQL: two nodes on one database', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let nodes: Store[];
  beforeEach(async () => {
    database = await freshDatabase();
    nodes = [
      await openPgStore({ connectionString: database.url }),
      await openPgStore({ connectionString: database.url }),
    ];
  });
  afterEach(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await database.drop();
  });

  const eachNode = <T>(times: number, work: (node: Store, i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: times }, (_, i) => work(nodes[i % 2], i)));

  test('concurrent counter additions from both nodes give the exact sum', async () => {
    await nodes[0].createGroup(APP, group('g'), []);
    await eachNode(40, (node, i) => node.writeGroupCounters(APP, 'g', { mode: 'add', key: 'likes', delta: i + 1 }));
    expect(await nodes[1].getGroupCounters(APP, 'g')).toEqual({ likes: (40 * 41) / 2 });
  });

  test('concurrent attribute sets of different keys from both nodes all survive', async () => {
    await nodes[0].createGroup(APP, group('g'), []);
    await eachNode(30, (node, i) =>
      node.writeGroupAttributes(APP, 'g', { mode: 'set', attributes: { [`k${i}`]: `v${i}` } }),
    );
    expect(Object.keys(await nodes[0].getGroupAttributes(APP, 'g'))).toHaveLength(30);
  });

  test('the same group ID created on both nodes at once: one wins, the others get 90007', async () => {
    const outcomes = await eachNode(6, (node, i) =>
      node.createGroup(APP, group('g', `owner${i}`), []).then(
        () => 'created',
        (error: { code?: number }) => error.code,
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 90007)).toHaveLength(5);
    expect(await nodes[1].getGroupMembers(APP, 'g')).toHaveLength(1);
  });

  test('concurrent joins from both nodes each answer added exactly once', async () => {
    await nodes[0].createGroup(APP, group('g'), []);
    const answers = await eachNode(10, (node) => node.addGroupMembers(APP, 'g', ['bob', 'carol'], 2));
    expect(answers.flatMap((answer) => answer.added).sort()).toEqual(['bob', 'carol']);
    expect(answers.flatMap((answer) => answer.existed)).toHaveLength(18);
  });
});
