import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, readyChat, rejectionOf, sendText, until, type Chat } from '../helpers/sdk';

/** The blacklist: blocking, unblocking, what it does to friendship and friend requests, BLACKLIST_UPDATED on every device. */
let server: ServerProcess | undefined;
const { TYPES, EVENT } = TencentCloudChat;

afterEach(async () => {
  await destroyAll();
  await server?.close();
  server = undefined;
});

function record<T>(chat: Chat, event: string): T[] {
  const seen: T[] = [];
  chat.on(event, ({ data }) => seen.push(data as T));
  return seen;
}

test('removeFromBlacklist undoes a block; every device of the blocker hears BLACKLIST_UPDATED', async () => {
  server = await ServerProcess.start();
  const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => readyChat(server!, id)));
  const bobPhone = await readyChat(server, 'bob');
  const phoneBlacklist = record<string[]>(bobPhone, EVENT.BLACKLIST_UPDATED);

  await bob.addToBlacklist({ userIDList: ['alice', 'mallory'] });
  await until(() => phoneBlacklist.length === 1);
  expect(phoneBlacklist[0]).toEqual(['alice', 'mallory']);
  expect(await rejectionOf(sendText(alice, 'bob', 'let me in'))).toMatchObject({ code: 20007 });

  expect(await bob.removeFromBlacklist({ userIDList: ['alice', 'carol'] })).toEqual({ code: 0, data: ['alice'] });
  await until(() => phoneBlacklist.length === 2);
  expect(phoneBlacklist[1]).toEqual(['mallory']);
  expect((await bob.getBlacklist()).data).toEqual(['mallory']);
  expect((await sendText(alice, 'bob', 'thanks')).code).toBe(0);
  expect(await rejectionOf(bob.removeFromBlacklist({ userIDList: [] }))).toMatchObject({ code: 90003 });
});

test('addFriend is refused with 30515 when you blocked them and 30525 when they blocked you', async () => {
  server = await ServerProcess.start({ settings: { defaultAllowType: TYPES.ALLOW_TYPE_ALLOW_ANY } });
  const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => readyChat(server!, id)));
  await bob.addToBlacklist({ userIDList: ['alice'] });
  expect(await rejectionOf(bob.addFriend({ to: 'alice' }))).toMatchObject({
    code: 30515,
    message: /removeFromBlacklist/,
  });
  expect(await rejectionOf(alice.addFriend({ to: 'bob' }))).toMatchObject({ code: 30525, message: /blocked you/ });
  expect((await alice.getFriendList()).data).toEqual([]);
  await bob.removeFromBlacklist({ userIDList: ['alice'] });
  expect((await alice.addFriend({ to: 'bob' })).data.code).toBe(0);
});

test('blocking a friend ends the friendship both ways and drops pending requests between them', async () => {
  server = await ServerProcess.start();
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server!, id)));
  await alice.addFriend({ to: 'bob' });
  await bob.acceptFriendApplication({ userID: 'alice' });
  await carol.addFriend({ to: 'bob' });
  const aliceFriends = record<Array<{ userID: string }>>(alice, EVENT.FRIEND_LIST_UPDATED);
  const carolApps = record<{ friendApplicationList: unknown[] }>(carol, EVENT.FRIEND_APPLICATION_LIST_UPDATED);
  await bob.addToBlacklist({ userIDList: ['alice', 'carol'] });
  // Earlier events may still be on their way when recording starts: wait for the newest.
  await until(() => aliceFriends.at(-1)?.length === 0 && carolApps.at(-1)?.friendApplicationList.length === 0);
  expect((await bob.getFriendList()).data).toEqual([]);
  expect((await bob.getFriendApplicationList()).data.friendApplicationList).toEqual([]);
});
