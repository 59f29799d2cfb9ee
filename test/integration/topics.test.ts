import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, inbox, readyChat, rejectionOf, sendGroupText, until, type Chat } from '../helpers/sdk';

/** Community topics through the real server: managing them, their events, and their own history, unread and @. */
let server: ServerProcess;
let alice: Chat;
let bob: Chat;
let carol: Chat;
const { TYPES, EVENT } = TencentCloudChat;
const COMMUNITY = '@TGS#_town';

function record<T>(chat: Chat, event: string): T[] {
  const seen: T[] = [];
  chat.on(event, ({ data }) => seen.push(data as T));
  return seen;
}

beforeAll(async () => {
  server = await ServerProcess.start();
  [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  await alice.createGroup({
    name: 'Town',
    type: TYPES.GRP_COMMUNITY,
    groupID: COMMUNITY,
    isSupportTopic: true,
    memberList: [{ userID: 'bob' }],
  });
  await alice.createGroup({
    name: 'Plain',
    type: TYPES.GRP_COMMUNITY,
    groupID: 'plain',
    memberList: [{ userID: 'bob' }],
  });
});

afterAll(async () => {
  await destroyAll();
  await server?.close();
});

test('getJoinedCommunityList answers the communities with topics you are in', async () => {
  expect((await bob.getJoinedCommunityList()).data.groupList.map((g) => g.groupID)).toEqual([COMMUNITY]);
  expect((await carol.getJoinedCommunityList()).data.groupList).toEqual([]);
  expect(await rejectionOf(alice.createGroup({ name: 'x', type: TYPES.GRP_WORK, isSupportTopic: true }))).toMatchObject(
    { code: 90003, message: /Community/ },
  );
  expect(
    await rejectionOf(alice.createGroup({ name: 'x', type: TYPES.GRP_COMMUNITY, groupID: 'a@TOPIC#_b' })),
  ).toMatchObject({ code: 90003 });
});

test('the owner creates topics (fresh or custom IDs); every member hears TOPIC_CREATED; others are refused', async () => {
  const created = record<{ groupID: string; topicID: string }>(bob, EVENT.TOPIC_CREATED);
  const { data } = await alice.createTopicInCommunity({ groupID: COMMUNITY, topicName: 'General', introduction: 'hi' });
  expect(data.topicID).toMatch(/^@TGS#_town@TOPIC#_[0-9a-f]{8}$/);
  await until(() => created.length === 1);
  expect(created[0]).toEqual({ groupID: COMMUNITY, topicID: data.topicID });
  const custom = `${COMMUNITY}@TOPIC#_news`;
  expect((await alice.createTopicInCommunity({ groupID: COMMUNITY, topicName: 'News', topicID: custom })).data).toEqual(
    {
      topicID: custom,
    },
  );
  expect(
    await rejectionOf(alice.createTopicInCommunity({ groupID: COMMUNITY, topicName: 'Again', topicID: custom })),
  ).toMatchObject({ code: 90007 });
  expect(
    await rejectionOf(alice.createTopicInCommunity({ groupID: COMMUNITY, topicName: 'x', topicID: 'other@TOPIC#_x' })),
  ).toMatchObject({ code: 90003, message: /community's ID/ });
  expect(await rejectionOf(bob.createTopicInCommunity({ groupID: COMMUNITY, topicName: 'mine' }))).toMatchObject({
    code: 10007,
    message: /owner or an admin/,
  });
  expect(await rejectionOf(carol.createTopicInCommunity({ groupID: COMMUNITY, topicName: 'x' }))).toMatchObject({
    code: 10007,
  });
  expect(await rejectionOf(alice.createTopicInCommunity({ groupID: 'plain', topicName: 'x' }))).toMatchObject({
    code: 10007,
    message: /isSupportTopic/,
  });
  expect(await rejectionOf(alice.createTopicInCommunity({ groupID: 'nowhere', topicName: 'x' }))).toMatchObject({
    code: 10010,
  });
  expect(await rejectionOf(alice.createTopicInCommunity({ groupID: COMMUNITY, topicName: '' }))).toMatchObject({
    code: 90003,
  });
  const list = await bob.getTopicList({ groupID: COMMUNITY });
  expect(list.data.successTopicList.map((t) => t.topicName)).toEqual(['General', 'News']);
  expect(await rejectionOf(carol.getTopicList({ groupID: COMMUNITY }))).toMatchObject({ code: 10007 });
});

test('a topic has its own history, unread and @; excludedFromUnreadCount skips unread; outsiders cannot send', async () => {
  const topicID = `${COMMUNITY}@TOPIC#_chat`;
  await alice.createTopicInCommunity({ groupID: COMMUNITY, topicName: 'Chat', topicID });
  const bobIn = inbox(bob);
  const mention = alice.createTextAtMessage({
    to: topicID,
    conversationType: TYPES.CONV_GROUP,
    payload: { text: '@bob look', atUserList: ['bob'] },
  });
  await alice.sendMessage(mention);
  await sendGroupText(alice, topicID, 'quiet one', {}, { messageControlInfo: { excludedFromUnreadCount: true } });
  await until(() => bobIn.length === 2);
  expect(bobIn.map((m) => m.payload.text)).toEqual(['@bob look', 'quiet one']);

  const [topic] = (await bob.getTopicList({ groupID: COMMUNITY, topicIDList: [topicID] })).data.successTopicList;
  expect(topic).toMatchObject({
    topicID,
    topicName: 'Chat',
    unreadCount: 1,
    lastMessage: expect.objectContaining({ payload: { text: 'quiet one' } }),
    groupAtInfoList: [expect.objectContaining({ from: 'alice', atType: TYPES.CONV_AT_ME })],
  });
  const history = await bob.getMessageList({ conversationID: `GROUP${topicID}` });
  expect(history.data.messageList.map((m) => m.payload.text)).toEqual(['@bob look', 'quiet one']);
  expect((await bob.getMessageList({ conversationID: `GROUP${COMMUNITY}` })).data.messageList).toEqual([]);

  await bob.setMessageRead({ conversationID: `GROUP${topicID}` });
  const [read] = (await bob.getTopicList({ groupID: COMMUNITY, topicIDList: [topicID] })).data.successTopicList;
  expect(read).toMatchObject({ unreadCount: 0, groupAtInfoList: [] });

  expect(await rejectionOf(sendGroupText(carol, topicID, 'let me in'))).toMatchObject({ code: 10007 });
  expect(await rejectionOf(sendGroupText(alice, `${COMMUNITY}@TOPIC#_nope`, 'anyone?'))).toMatchObject({
    code: 10010,
  });
  const atAll = alice.createTextAtMessage({
    to: topicID,
    conversationType: TYPES.CONV_GROUP,
    payload: { text: '@all', atUserList: [TYPES.MSG_AT_ALL] },
  });
  expect(await rejectionOf(alice.sendMessage(atAll))).toMatchObject({ code: 90009 });
  expect(await rejectionOf(carol.getMessageList({ conversationID: `GROUP${topicID}` }))).toMatchObject({
    code: 10007,
  });
});

test('updateTopicProfile fires TOPIC_UPDATED with the topic; deleteTopicFromCommunity fires TOPIC_DELETED and ends sending', async () => {
  const topicID = `${COMMUNITY}@TOPIC#_old`;
  await alice.createTopicInCommunity({ groupID: COMMUNITY, topicName: 'Old', topicID });
  const updated = record<{ groupID: string; topic: { topicID: string; topicName: string } }>(bob, EVENT.TOPIC_UPDATED);
  const deleted = record<{ groupID: string; topicIDList: string[] }>(bob, EVENT.TOPIC_DELETED);
  const answer = await alice.updateTopicProfile({
    groupID: COMMUNITY,
    topicID,
    topicName: 'Archive',
    notification: 'n',
  });
  expect(answer.data.topic).toMatchObject({ topicID, topicName: 'Archive', notification: 'n', introduction: '' });
  await until(() => updated.length === 1);
  expect(updated[0]).toMatchObject({ groupID: COMMUNITY, topic: { topicID, topicName: 'Archive' } });
  expect(await rejectionOf(bob.updateTopicProfile({ groupID: COMMUNITY, topicID, topicName: 'mine' }))).toMatchObject({
    code: 10007,
  });
  expect(
    await rejectionOf(
      alice.updateTopicProfile({ groupID: COMMUNITY, topicID: `${COMMUNITY}@TOPIC#_nope`, topicName: 'x' }),
    ),
  ).toMatchObject({ code: 10010 });

  const gone = `${COMMUNITY}@TOPIC#_nope`;
  const result = await alice.deleteTopicFromCommunity({ groupID: COMMUNITY, topicIDList: [topicID, gone] });
  expect(result.data).toEqual({
    successTopicList: [{ topicID }],
    failureTopicList: [{ topicID: gone, code: 10010, message: expect.stringMatching(/does not exist/) }],
  });
  await until(() => deleted.length === 1);
  expect(deleted[0]).toEqual({ groupID: COMMUNITY, topicIDList: [topicID] });
  expect(await rejectionOf(sendGroupText(alice, topicID, 'still here?'))).toMatchObject({ code: 10010 });
  expect(await rejectionOf(bob.deleteTopicFromCommunity({ groupID: COMMUNITY }))).toMatchObject({ code: 10007 });
  expect((await bob.getTopicList({ groupID: COMMUNITY, topicIDList: [topicID] })).data).toMatchObject({
    successTopicList: [],
    failureTopicList: [{ topicID, code: 10010 }],
  });
});
