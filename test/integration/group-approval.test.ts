import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, inbox, readyChat, rejectionOf, sendGroupText, until } from '../helpers/sdk';

/** Join approval, group tips and system notices through the real server, with two or three clients. */
let server: ServerProcess;
const { TYPES, EVENT } = TencentCloudChat;

beforeEach(async () => {
  server = await ServerProcess.start();
});

afterEach(async () => {
  await destroyAll();
  await server.close();
});

type Received = ReturnType<typeof inbox>[number] & { payload: Record<string, unknown>; conversationID: string };

const ofType = (messages: ReturnType<typeof inbox>, type: string) =>
  messages.filter((message) => message.type === type) as Received[];

test('a request to a NeedPermission group waits; the owner and admins get the notice, list it and agree; the applicant gets the outcome', async () => {
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'club', type: TYPES.GRP_PUBLIC, groupID: 'club', memberList: [{ userID: 'bob' }] });
  await alice.setGroupMemberRole({ groupID: 'club', userID: 'bob', role: TYPES.GRP_MBR_ROLE_ADMIN });
  const [aliceIn, bobIn, carolIn] = [inbox(alice), inbox(bob), inbox(carol)];

  const { data } = await carol.joinGroup({ groupID: 'club', applyMessage: 'let me in' });
  expect(data.status).toBe(TYPES.JOIN_STATUS_WAIT_APPROVAL);
  const requests = (messages: ReturnType<typeof inbox>) =>
    ofType(messages, TYPES.MSG_GRP_SYS_NOTICE).filter((n) => n.payload.operationType === 1);
  await until(() => requests(aliceIn).length === 1 && requests(bobIn).length === 1);
  const notice = requests(aliceIn)[0];
  expect(notice).toMatchObject({
    conversationID: '@TIM#SYSTEM',
    conversationType: TYPES.CONV_SYSTEM,
    payload: {
      operationType: 1,
      operatorID: 'carol',
      handleMessage: 'let me in',
      groupProfile: { groupID: 'club', name: 'club' },
    },
  });
  // Waiting is not membership: carol can neither read nor send yet, and asking again still waits.
  expect(await rejectionOf(carol.getGroupMemberList({ groupID: 'club' }))).toMatchObject({ code: 10007 });
  expect(await rejectionOf(sendGroupText(carol, 'club', 'am I in?'))).toMatchObject({ code: 10007 });
  expect(
    await rejectionOf(alice.setGroupMemberMuteTime({ groupID: 'club', userID: 'carol', muteTime: 60 })),
  ).toMatchObject({ code: 90003, message: expect.stringMatching(/not a member/) });
  expect((await carol.joinGroup({ groupID: 'club' })).data.status).toBe(TYPES.JOIN_STATUS_WAIT_APPROVAL);
  expect((await carol.getGroupApplicationList()).data.applicationList).toEqual([]);

  const { data: listed } = await bob.getGroupApplicationList();
  expect(listed.applicationList).toEqual([
    expect.objectContaining({
      applicant: 'carol',
      groupID: 'club',
      groupName: 'club',
      applicationType: 0,
      note: 'let me in',
    }),
  ]);
  const joined = new Promise((resolve) =>
    carol.on(EVENT.GROUP_LIST_UPDATED, ({ data: list }) => (list as unknown[]).length === 1 && resolve(list)),
  );
  await bob.handleGroupApplication({ handleAction: 'Agree', handleMessage: 'welcome', message: notice });
  await joined;
  await until(() => ofType(carolIn, TYPES.MSG_GRP_SYS_NOTICE).length === 1);
  expect(ofType(carolIn, TYPES.MSG_GRP_SYS_NOTICE)[0].payload).toMatchObject({
    operationType: 2,
    operatorID: 'bob',
    handleMessage: 'welcome',
  });
  await until(() => ofType(aliceIn, TYPES.MSG_GRP_TIP).length === 1);
  expect(ofType(aliceIn, TYPES.MSG_GRP_TIP)[0].payload).toMatchObject({
    operationType: TYPES.GRP_TIP_MBR_JOIN,
    operatorID: 'bob',
    userIDList: ['carol'],
  });
  expect((await alice.getGroupApplicationList()).data.applicationList).toEqual([]);
  expect(
    await rejectionOf(
      alice.handleGroupApplication({ handleAction: 'Agree', application: { groupID: 'club', applicant: 'carol' } }),
    ),
  ).toMatchObject({ code: 90003, message: expect.stringMatching(/no join request/) });
});

test('a rejected request tells the applicant why; plain members cannot answer; DisableApply refuses at once', async () => {
  const [alice, bob, dave] = await Promise.all(['alice', 'bob', 'dave'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'club', type: TYPES.GRP_PUBLIC, groupID: 'club', memberList: [{ userID: 'bob' }] });
  const daveIn = inbox(dave);
  await dave.joinGroup({ groupID: 'club' });
  expect(
    await rejectionOf(
      bob.handleGroupApplication({ handleAction: 'Agree', application: { groupID: 'club', applicant: 'dave' } }),
    ),
  ).toMatchObject({ code: 10007 });
  expect(
    await rejectionOf(
      alice.handleGroupApplication({
        handleAction: 'Maybe' as 'Agree',
        application: { groupID: 'club', applicant: 'dave' },
      }),
    ),
  ).toMatchObject({ code: 90003 });
  await alice.handleGroupApplication({
    handleAction: 'Reject',
    handleMessage: 'members only',
    application: { groupID: 'club', applicant: 'dave' },
  });
  await until(() => ofType(daveIn, TYPES.MSG_GRP_SYS_NOTICE).length === 1);
  expect(ofType(daveIn, TYPES.MSG_GRP_SYS_NOTICE)[0].payload).toMatchObject({
    operationType: 3,
    operatorID: 'alice',
    handleMessage: 'members only',
  });
  expect(await rejectionOf(dave.getGroupMemberList({ groupID: 'club' }))).toMatchObject({ code: 10007 });

  await alice.updateGroupProfile({ groupID: 'club', joinOption: TYPES.JOIN_OPTIONS_DISABLE_APPLY });
  expect(await rejectionOf(dave.joinGroup({ groupID: 'club' }))).toMatchObject({
    code: 10007,
    message: expect.stringMatching(/DisableApply/),
  });
  await alice.updateGroupProfile({ groupID: 'club', joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS });
  expect((await dave.joinGroup({ groupID: 'club' })).data.status).toBe(TYPES.JOIN_STATUS_SUCCESS);
});

test('join, invite, quit, kick and dismiss leave tips in the group history and notices for those concerned', async () => {
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'room', type: TYPES.GRP_MEETING, groupID: 'room' });
  const [aliceIn, bobIn, carolIn] = [inbox(alice), inbox(bob), inbox(carol)];
  await bob.joinGroup({ groupID: 'room' });
  await alice.addGroupMember({ groupID: 'room', userIDList: ['carol'] });
  await until(() => ofType(carolIn, TYPES.MSG_GRP_SYS_NOTICE).length === 1);
  expect(ofType(carolIn, TYPES.MSG_GRP_SYS_NOTICE)[0].payload).toMatchObject({ operationType: 7, operatorID: 'alice' });
  await bob.quitGroup('room');
  await alice.deleteGroupMember({ groupID: 'room', userIDList: ['carol'] });
  await until(() => ofType(carolIn, TYPES.MSG_GRP_SYS_NOTICE).length === 2);
  expect(ofType(carolIn, TYPES.MSG_GRP_SYS_NOTICE)[1].payload).toMatchObject({ operationType: 4, operatorID: 'alice' });

  const expected = [
    { operationType: TYPES.GRP_TIP_MBR_JOIN, operatorID: 'bob', userIDList: ['bob'] },
    { operationType: TYPES.GRP_TIP_MBR_JOIN, operatorID: 'alice', userIDList: ['carol'] },
    { operationType: TYPES.GRP_TIP_MBR_QUIT, operatorID: 'bob', userIDList: ['bob'] },
    { operationType: TYPES.GRP_TIP_MBR_KICKED_OUT, operatorID: 'alice', userIDList: ['carol'] },
  ];
  await until(() => ofType(aliceIn, TYPES.MSG_GRP_TIP).length === 4);
  expect(ofType(aliceIn, TYPES.MSG_GRP_TIP).map((tip) => tip.payload)).toEqual(
    expected.map((e): unknown => expect.objectContaining(e)),
  );
  const { data } = await alice.getMessageList({ conversationID: 'GROUProom' });
  expect(data.messageList.map((m) => m.type)).toEqual(Array(4).fill(TYPES.MSG_GRP_TIP));
  expect(data.messageList.map((m) => m.sequence)).toEqual([1, 2, 3, 4]);
  // Tips are the last message but not unread.
  const conversation = (await alice.getConversationList()).data.conversationList.find(
    (c) => c.conversationID === 'GROUProom',
  );
  expect(conversation).toMatchObject({ unreadCount: 0, lastMessage: { type: TYPES.MSG_GRP_TIP } });
  // The quitter and the kicked do not get the tips after they left.
  expect(ofType(bobIn, TYPES.MSG_GRP_TIP).map((tip) => tip.payload.operationType)).toEqual([1, 1]);

  await alice.addGroupMember({ groupID: 'room', userIDList: ['bob'] });
  await alice.dismissGroup('room');
  await until(() => ofType(bobIn, TYPES.MSG_GRP_SYS_NOTICE).some((n) => n.payload.operationType === 5));
});
