import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, readyChat, rejectionOf, sendText, until, type Chat } from '../helpers/sdk';

/** addFriend by the target's allowType, friend requests and their answers, checkFriend, updateFriend: through the real server. */
let server: ServerProcess | undefined;
const { TYPES, EVENT } = TencentCloudChat;

afterEach(async () => {
  await destroyAll();
  await server?.close();
  server = undefined;
});

/** Every payload of `event` on `chat`, as it arrives. */
function record<T>(chat: Chat, event: string): T[] {
  const seen: T[] = [];
  chat.on(event, ({ data }) => seen.push(data as T));
  return seen;
}

type ApplicationList = {
  friendApplicationList: Array<{ userID: string; type: string; wording: string }>;
  unreadCount: number;
};
type Friends = Array<{ userID: string; remark: string }>;

async function users(settings: Record<string, unknown>, ...ids: string[]): Promise<Chat[]> {
  server = await ServerProcess.start({ settings });
  return Promise.all(ids.map((id) => readyChat(server!, id)));
}

describe('NeedConfirm (the reference default)', () => {
  test('addFriend sends a request (30539) that both sides see on every device; accepting makes them friends both ways', async () => {
    const [alice, bob] = await users({ friendCheck: true }, 'alice', 'bob');
    const bobPhone = await readyChat(server!, 'bob');
    const [bobApps, bobPhoneApps, aliceApps] = [bob, bobPhone, alice].map((chat) =>
      record<ApplicationList>(chat, EVENT.FRIEND_APPLICATION_LIST_UPDATED),
    );
    const [aliceFriends, bobFriends] = [alice, bob].map((chat) => record<Friends>(chat, EVENT.FRIEND_LIST_UPDATED));

    const added = await alice.addFriend({
      to: 'bob',
      source: 'AddSource_Type_Web',
      wording: 'I am Alice from work',
      remark: 'Bob (work)',
      type: TYPES.SNS_ADD_TYPE_BOTH,
    });
    expect(added).toEqual({ code: 0, data: { userID: 'bob', code: 30539 } });
    await until(() => bobApps.length === 1 && bobPhoneApps.length === 1 && aliceApps.length === 1);
    expect(bobPhoneApps[0]).toEqual({
      friendApplicationList: [
        {
          userID: 'alice',
          type: TYPES.SNS_APPLICATION_SENT_TO_ME,
          source: 'AddSource_Type_Web',
          wording: 'I am Alice from work',
          time: expect.any(Number),
        },
      ],
      unreadCount: 1,
    });
    expect(aliceApps[0]).toMatchObject({
      friendApplicationList: [{ userID: 'bob', type: TYPES.SNS_APPLICATION_SENT_BY_ME }],
      unreadCount: 0,
    });
    // A request is not a friendship: the friend check still refuses.
    expect((await alice.getFriendList()).data).toEqual([]);
    expect(await rejectionOf(sendText(alice, 'bob', 'hi?'))).toMatchObject({ code: 20009 });

    await bob.setFriendApplicationRead();
    await until(() => bobPhoneApps.length === 2);
    expect(bobPhoneApps[1].unreadCount).toBe(0);
    expect((await bob.getFriendApplicationList()).data.unreadCount).toBe(0);

    expect(
      await bob.acceptFriendApplication({
        userID: 'alice',
        remark: 'Alice',
        type: TYPES.SNS_APPLICATION_AGREE_AND_ADD,
      }),
    ).toEqual({ code: 0, data: { userID: 'alice' } });
    await until(() => aliceFriends.length === 1 && bobFriends.length === 1);
    expect(aliceFriends[0]).toEqual([
      expect.objectContaining({ userID: 'bob', remark: 'Bob (work)', source: 'AddSource_Type_Web' }),
    ]);
    expect(bobFriends[0]).toEqual([expect.objectContaining({ userID: 'alice', remark: 'Alice' })]);
    await until(() => aliceApps.length === 2);
    expect(aliceApps[1]).toEqual({ friendApplicationList: [], unreadCount: 0 });
    expect((await bob.getFriendApplicationList()).data.friendApplicationList).toEqual([]);
    expect((await sendText(alice, 'bob', 'friends now')).code).toBe(0);
    // Adding someone who is already a friend.
    expect(await rejectionOf(alice.addFriend({ to: 'bob' }))).toMatchObject({
      code: 30001,
      message: /already your friend/,
    });
  });

  test('SNS_APPLICATION_AGREE adds only the applicant side; checkFriend tells each relation, single and both ways', async () => {
    const [alice, bob, carol] = await users({}, 'alice', 'bob', 'carol');
    await alice.addFriend({ to: 'bob', type: TYPES.SNS_ADD_TYPE_BOTH });
    await bob.acceptFriendApplication({ userID: 'alice', type: TYPES.SNS_APPLICATION_AGREE });
    expect((await alice.getFriendList()).data.map((f) => f.userID)).toEqual(['bob']);
    expect((await bob.getFriendList()).data).toEqual([]);

    const both = await alice.checkFriend({ userIDList: ['bob', 'carol'], type: TYPES.SNS_CHECK_TYPE_BOTH });
    expect(both.data).toEqual({
      successUserIDList: [
        { userID: 'bob', code: 0, relation: TYPES.SNS_TYPE_A_WITH_B },
        { userID: 'carol', code: 0, relation: TYPES.SNS_TYPE_NO_RELATION },
      ],
      failureUserIDList: [],
    });
    expect((await bob.checkFriend({ userIDList: ['alice'] })).data.successUserIDList).toEqual([
      { userID: 'alice', code: 0, relation: TYPES.SNS_TYPE_B_WITH_A },
    ]);
    expect(
      (await bob.checkFriend({ userIDList: ['alice'], type: TYPES.SNS_CHECK_TYPE_SINGLE })).data.successUserIDList,
    ).toEqual([{ userID: 'alice', code: 0, relation: TYPES.SNS_TYPE_NO_RELATION }]);

    // Bob adding Alice back needs no request: she already has him.
    expect((await bob.addFriend({ to: 'alice' })).data).toEqual({ userID: 'alice', code: 0 });
    expect((await carol.checkFriend({ userIDList: ['alice'] })).data.successUserIDList[0].relation).toBe(
      TYPES.SNS_TYPE_NO_RELATION,
    );
    expect((await alice.checkFriend({ userIDList: ['bob'] })).data.successUserIDList[0].relation).toBe(
      TYPES.SNS_TYPE_BOTH_WAY,
    );
  });

  test('refusing ends the request for both; deleting one removes it from your own list only', async () => {
    const [alice, bob, carol] = await users({}, 'alice', 'bob', 'carol');
    const aliceApps = record<ApplicationList>(alice, EVENT.FRIEND_APPLICATION_LIST_UPDATED);
    await alice.addFriend({ to: 'bob', wording: 'hi' });
    await carol.addFriend({ to: 'bob', wording: 'hello' });
    expect((await bob.getFriendApplicationList()).data).toMatchObject({ unreadCount: 2 });

    expect(await bob.refuseFriendApplication({ userID: 'alice' })).toEqual({ code: 0, data: { userID: 'alice' } });
    await until(() => aliceApps.length === 2);
    expect(aliceApps[1].friendApplicationList).toEqual([]);
    expect((await alice.getFriendList()).data).toEqual([]);

    await bob.deleteFriendApplication({ userID: 'carol', type: TYPES.SNS_APPLICATION_SENT_TO_ME });
    expect((await bob.getFriendApplicationList()).data).toEqual({ friendApplicationList: [], unreadCount: 0 });
    // Carol's own request is still pending from her side; she may withdraw it from her list.
    expect((await carol.getFriendApplicationList()).data.friendApplicationList).toEqual([
      expect.objectContaining({ userID: 'bob', type: TYPES.SNS_APPLICATION_SENT_BY_ME }),
    ]);
    await carol.deleteFriendApplication({ userID: 'bob', type: TYPES.SNS_APPLICATION_SENT_BY_ME });
    expect((await carol.getFriendApplicationList()).data.friendApplicationList).toEqual([]);

    // Nothing left to answer or delete: 30001 with a reason.
    expect(await rejectionOf(bob.acceptFriendApplication({ userID: 'carol' }))).toMatchObject({
      code: 30001,
      message: /no friend request from carol/,
    });
    expect(await rejectionOf(bob.refuseFriendApplication({ userID: 'alice' }))).toMatchObject({ code: 30001 });
    expect(
      await rejectionOf(bob.deleteFriendApplication({ userID: 'nobody', type: TYPES.SNS_APPLICATION_SENT_BY_ME })),
    ).toMatchObject({ code: 30001 });
    // Someone cannot accept a request they sent.
    await alice.addFriend({ to: 'carol' });
    expect(await rejectionOf(alice.acceptFriendApplication({ userID: 'carol' }))).toMatchObject({ code: 30001 });
  });
});

test('AllowAny: addFriend is direct, both ways or (SNS_ADD_TYPE_SINGLE) only yours', async () => {
  const [alice, bob, carol] = await users({ defaultAllowType: TYPES.ALLOW_TYPE_ALLOW_ANY }, 'alice', 'bob', 'carol');
  const bobFriends = record<Friends>(bob, EVENT.FRIEND_LIST_UPDATED);
  expect((await alice.addFriend({ to: 'bob', groupName: 'work' })).data).toEqual({ userID: 'bob', code: 0 });
  await until(() => bobFriends.length === 1);
  expect(bobFriends[0].map((f) => f.userID)).toEqual(['alice']);
  expect((await alice.getFriendList()).data).toEqual([
    expect.objectContaining({ userID: 'bob', groupList: ['work'], friendCustomField: [] }),
  ]);
  expect((await alice.addFriend({ to: 'carol', type: TYPES.SNS_ADD_TYPE_SINGLE })).data.code).toBe(0);
  expect((await carol.getFriendList()).data).toEqual([]);
  expect((await alice.checkFriend({ userIDList: ['carol'] })).data.successUserIDList[0].relation).toBe(
    TYPES.SNS_TYPE_A_WITH_B,
  );
});

test('DenyAny: addFriend is refused with 30516 and no request is stored', async () => {
  const [alice, bob] = await users({ defaultAllowType: TYPES.ALLOW_TYPE_DENY_ANY }, 'alice', 'bob');
  expect(await rejectionOf(alice.addFriend({ to: 'bob' }))).toMatchObject({
    code: 30516,
    message: /does not accept friend requests/,
  });
  expect((await bob.getFriendApplicationList()).data.friendApplicationList).toEqual([]);
});

test("a user's own allowType (updateMyProfile) overrides the server's defaultAllowType, which a first update of another field keeps", async () => {
  const [alice, bob, carol] = await users({ defaultAllowType: TYPES.ALLOW_TYPE_ALLOW_ANY }, 'alice', 'bob', 'carol');
  await bob.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_DENY_ANY });
  expect(await rejectionOf(alice.addFriend({ to: 'bob' }))).toMatchObject({ code: 30516 });
  await bob.updateMyProfile({ allowType: TYPES.ALLOW_TYPE_NEED_CONFIRM });
  expect((await alice.addFriend({ to: 'bob' })).data.code).toBe(30539);
  await carol.updateMyProfile({ nick: 'Carol' });
  expect((await carol.getMyProfile()).data.allowType).toBe(TYPES.ALLOW_TYPE_ALLOW_ANY);
  expect((await alice.addFriend({ to: 'carol' })).data.code).toBe(0);
});

test('updateFriend sets the remark and custom fields; getFriendProfile answers friends and lists the others as failures', async () => {
  const [alice] = await users({ defaultAllowType: TYPES.ALLOW_TYPE_ALLOW_ANY }, 'alice', 'bob');
  const alicePhone = await readyChat(server!, 'alice');
  const phoneFriends = record<Friends>(alicePhone, EVENT.FRIEND_LIST_UPDATED);
  await alice.addFriend({ to: 'bob' });
  const updated = await alice.updateFriend({
    userID: 'bob',
    remark: 'Bobby',
    friendCustomField: [{ key: 'Tag_SNS_Custom_city', value: 'Lyon' }],
  });
  expect(updated.data).toMatchObject({
    userID: 'bob',
    remark: 'Bobby',
    friendCustomField: [{ key: 'Tag_SNS_Custom_city', value: 'Lyon' }],
  });
  await alice.updateFriend({ userID: 'bob', friendCustomField: [{ key: 'Tag_SNS_Custom_level', value: '2' }] });
  await until(() => phoneFriends.length === 3);
  expect(phoneFriends[2]).toEqual([
    expect.objectContaining({
      remark: 'Bobby',
      friendCustomField: [
        { key: 'Tag_SNS_Custom_city', value: 'Lyon' },
        { key: 'Tag_SNS_Custom_level', value: '2' },
      ],
    }),
  ]);
  const profiles = await alice.getFriendProfile({ userIDList: ['bob', 'zed'] });
  expect(profiles.data.friendList.map((f) => f.userID)).toEqual(['bob']);
  expect(profiles.data.failureUserIDList).toEqual([{ userID: 'zed', code: 30001, message: expect.any(String) }]);

  expect(await rejectionOf(alice.updateFriend({ userID: 'zed', remark: 'x' }))).toMatchObject({
    code: 30001,
    message: /not your friend/,
  });
  expect(
    await rejectionOf(alice.updateFriend({ userID: 'bob', friendCustomField: [{ key: 'city', value: 'x' }] })),
  ).toMatchObject({ code: 90003, message: /Tag_SNS_Custom_/ });
  expect(await rejectionOf(alice.updateFriend({ userID: 'bob' }))).toMatchObject({ code: 90003 });
});

test('deleteFriend: Both (default) ends it for both, Single only for you; both sides hear FRIEND_LIST_UPDATED', async () => {
  const [alice, bob, carol] = await users({ defaultAllowType: TYPES.ALLOW_TYPE_ALLOW_ANY }, 'alice', 'bob', 'carol');
  await alice.addFriend({ to: 'bob' });
  await alice.addFriend({ to: 'carol' });
  const bobFriends = record<Friends>(bob, EVENT.FRIEND_LIST_UPDATED);
  await alice.deleteFriend({ userIDList: ['bob'] });
  // The add's own event may still be on its way when recording starts: wait for the newest.
  await until(() => bobFriends.at(-1)?.length === 0);
  expect((await alice.deleteFriend({ userIDList: ['carol'], type: TYPES.SNS_DELETE_TYPE_SINGLE })).data).toEqual({
    successUserIDList: [{ userID: 'carol' }],
    failureUserIDList: [],
  });
  expect((await carol.getFriendList()).data.map((f) => f.userID)).toEqual(['alice']);
  expect((await alice.deleteFriend({ userIDList: ['carol'] })).data.failureUserIDList).toEqual([
    { userID: 'carol', code: 30001, message: expect.any(String) },
  ]);
});
