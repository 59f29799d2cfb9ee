import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, nextEvent, readyChat, rejectionOf } from '../helpers/sdk';

/** Group attributes and counters through the real server: members read and write them, and every member hears of each change. */
let server: ServerProcess;
const { TYPES, EVENT } = TencentCloudChat;

beforeEach(async () => {
  server = await ServerProcess.start();
});

afterEach(async () => {
  await destroyAll();
  await server.close();
});

test('attributes are initialised, set, deleted and read; members get GROUP_ATTRIBUTES_UPDATED; outsiders are refused', async () => {
  const [alice, bob, mallory] = await Promise.all(['alice', 'bob', 'mallory'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'live', type: TYPES.GRP_AVCHATROOM, groupID: 'live' });
  await bob.joinGroup({ groupID: 'live' });

  let update = nextEvent(bob, EVENT.GROUP_ATTRIBUTES_UPDATED);
  await alice.initGroupAttributes({ groupID: 'live', groupAttributes: { stage: 'open', host: 'alice' } });
  expect(await update).toEqual({ groupID: 'live', groupAttributes: { stage: 'open', host: 'alice' } });

  update = nextEvent(alice, EVENT.GROUP_ATTRIBUTES_UPDATED);
  await bob.setGroupAttributes({ groupID: 'live', groupAttributes: { stage: 'closed' } });
  expect(await update).toEqual({ groupID: 'live', groupAttributes: { stage: 'closed', host: 'alice' } });

  expect((await bob.getGroupAttributes({ groupID: 'live', keyList: ['host'] })).data.groupAttributes).toEqual({
    host: 'alice',
  });
  expect((await bob.deleteGroupAttributes({ groupID: 'live', keyList: ['host'] })).data.keyList).toEqual(['host']);
  expect((await alice.getGroupAttributes({ groupID: 'live', keyList: [] })).data.groupAttributes).toEqual({
    stage: 'closed',
  });

  expect(
    await rejectionOf(mallory.setGroupAttributes({ groupID: 'live', groupAttributes: { stage: 'mine' } })),
  ).toMatchObject({ code: 10007 });
  expect(await rejectionOf(mallory.getGroupAttributes({ groupID: 'nowhere', keyList: [] }))).toMatchObject({
    code: 10010,
  });
  expect(await rejectionOf(alice.setGroupAttributes({ groupID: 'live', groupAttributes: {} }))).toMatchObject({
    code: 90003,
  });
  expect(
    await rejectionOf(alice.setGroupAttributes({ groupID: 'live', groupAttributes: { k: 5 as unknown as string } })),
  ).toMatchObject({ code: 90003 });
});

test('counters are set, increased, decreased and read; members get GROUP_COUNTER_UPDATED', async () => {
  const [alice, bob, mallory] = await Promise.all(['alice', 'bob', 'mallory'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'live', type: TYPES.GRP_MEETING, groupID: 'live', memberList: [{ userID: 'bob' }] });

  let update = nextEvent(bob, EVENT.GROUP_COUNTER_UPDATED);
  expect((await alice.setGroupCounters({ groupID: 'live', counters: { likes: 10 } })).data).toEqual({
    groupID: 'live',
    counters: { likes: 10 },
  });
  expect(await update).toEqual({ groupID: 'live', key: 'likes', value: 10 });

  update = nextEvent(alice, EVENT.GROUP_COUNTER_UPDATED);
  expect((await bob.increaseGroupCounter({ groupID: 'live', key: 'likes', value: 5 })).data.counters).toEqual({
    likes: 15,
  });
  expect(await update).toEqual({ groupID: 'live', key: 'likes', value: 15 });
  expect((await bob.decreaseGroupCounter({ groupID: 'live', key: 'likes', value: 20 })).data.counters).toEqual({
    likes: -5,
  });
  expect((await bob.increaseGroupCounter({ groupID: 'live', key: '__proto__', value: 1 })).data.counters).toEqual({
    ['__proto__']: 1,
  });
  expect((await alice.getGroupCounters({ groupID: 'live', keyList: ['likes'] })).data.counters).toEqual({ likes: -5 });

  expect(await rejectionOf(mallory.increaseGroupCounter({ groupID: 'live', key: 'likes', value: 1 }))).toMatchObject({
    code: 10007,
  });
  expect(await rejectionOf(alice.increaseGroupCounter({ groupID: 'live', key: 'likes', value: -1 }))).toMatchObject({
    code: 90003,
  });
  expect(await rejectionOf(alice.setGroupCounters({ groupID: 'live', counters: { likes: 1.5 } }))).toMatchObject({
    code: 90003,
  });
});
