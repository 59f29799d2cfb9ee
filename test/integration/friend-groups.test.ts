import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, readyChat, rejectionOf, until } from '../helpers/sdk';

/** Friend groups through the real server: named lists of your friends, FRIEND_GROUP_LIST_UPDATED on every device. */
let server: ServerProcess | undefined;
const { TYPES, EVENT } = TencentCloudChat;
type Group = { name: string; count: number; userIDList: string[] };

afterEach(async () => {
  await destroyAll();
  await server?.close();
  server = undefined;
});

test('create, add, remove, rename, delete; groupList on each friend; every device hears it', async () => {
  server = await ServerProcess.start({ settings: { defaultAllowType: TYPES.ALLOW_TYPE_ALLOW_ANY } });
  const [alice] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server!, id)));
  const alicePhone = await readyChat(server, 'alice');
  await alice.addFriend({ to: 'bob', groupName: 'climbing' });
  await alice.addFriend({ to: 'carol' });
  expect((await alice.getFriendGroupList()).data).toEqual([{ name: 'climbing', count: 1, userIDList: ['bob'] }]);

  const phoneGroups: Group[][] = [];
  alicePhone.on(EVENT.FRIEND_GROUP_LIST_UPDATED, ({ data }) => phoneGroups.push(data as Group[]));
  const created = await alice.createFriendGroup({ name: 'work', userIDList: ['carol', 'zed'] });
  expect(created.data).toEqual({
    friendGroup: { name: 'work', count: 1, userIDList: ['carol'] },
    failureUserIDList: [{ userID: 'zed', code: 32216, message: expect.stringMatching(/not your friend/) }],
  });
  await until(() => phoneGroups.at(-1)?.length === 2);

  expect((await alice.addToFriendGroup({ name: 'work', userIDList: ['bob'] })).data.friendGroup).toEqual({
    name: 'work',
    count: 2,
    userIDList: ['bob', 'carol'],
  });
  const bobEntry = (await alice.getFriendProfile({ userIDList: ['bob'] })).data.friendList[0];
  expect(bobEntry.groupList).toEqual(['climbing', 'work']);
  expect(
    (await alice.removeFromFriendGroup({ name: 'work', userIDList: ['carol'] })).data.friendGroup.userIDList,
  ).toEqual(['bob']);
  expect((await alice.renameFriendGroup({ oldName: 'work', newName: 'office' })).data).toEqual({
    name: 'office',
    count: 1,
    userIDList: ['bob'],
  });
  expect((await alice.deleteFriendGroup({ name: 'climbing' })).data).toEqual({
    name: 'climbing',
    count: 1,
    userIDList: ['bob'],
  });
  expect((await alice.getFriendGroupList()).data.map((g) => g.name)).toEqual(['office']);
  // A friend who is deleted leaves the groups.
  await alice.deleteFriend({ userIDList: ['bob'] });
  expect((await alice.getFriendGroupList()).data).toEqual([{ name: 'office', count: 0, userIDList: [] }]);
  await until(() => phoneGroups.at(-1)?.[0]?.count === 0);
});

test('refusals: a name taken or unknown is 30001, a bad name 90003', async () => {
  server = await ServerProcess.start();
  const alice = await readyChat(server, 'alice');
  await alice.createFriendGroup({ name: 'family' });
  expect(await rejectionOf(alice.createFriendGroup({ name: 'family' }))).toMatchObject({
    code: 30001,
    message: /already have a friend group/,
  });
  expect(await rejectionOf(alice.addToFriendGroup({ name: 'nope', userIDList: ['bob'] }))).toMatchObject({
    code: 30001,
    message: /no friend group named "nope"/,
  });
  expect(await rejectionOf(alice.deleteFriendGroup({ name: 'nope' }))).toMatchObject({ code: 30001 });
  expect(await rejectionOf(alice.renameFriendGroup({ oldName: 'nope', newName: 'x' }))).toMatchObject({ code: 30001 });
  await alice.createFriendGroup({ name: 'friends' });
  expect(await rejectionOf(alice.renameFriendGroup({ oldName: 'family', newName: 'friends' }))).toMatchObject({
    code: 30001,
  });
  expect(await rejectionOf(alice.createFriendGroup({ name: '   ' }))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(alice.createFriendGroup({ name: 'x'.repeat(31) }))).toMatchObject({ code: 90003 });
});
