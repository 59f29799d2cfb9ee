import TencentCloudChat from 'tidings';
import { RawClient } from '../helpers/raw-client';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';
import {
  conversation,
  destroyAll,
  historyTexts,
  inbox,
  nextEvent,
  readyChat,
  rejectionOf,
  sendGroupText,
  until,
} from '../helpers/sdk';

/** Groups through the real server: membership, fan-out, per-member unread and history, and the rules on who may do what. */
let server: ServerProcess;
const { TYPES, EVENT } = TencentCloudChat;

beforeEach(async () => {
  server = await ServerProcess.start();
});

afterEach(async () => {
  await destroyAll();
  await server.close();
});

test('a group message reaches every member, is stored once with a per-group sequence, and counts as unread per member', async () => {
  const [alice, bob, carol, dave] = await Promise.all(
    ['alice', 'bob', 'carol', 'dave'].map((id) => readyChat(server, id)),
  );
  const bobListUpdated = nextEvent(bob, EVENT.GROUP_LIST_UPDATED);
  const { data } = await alice.createGroup({
    name: 'team',
    type: TYPES.GRP_WORK,
    groupID: 'team1',
    memberList: [{ userID: 'bob' }, { userID: 'carol' }],
  });
  expect(data.group).toMatchObject({
    groupID: 'team1',
    name: 'team',
    type: 'Private',
    ownerID: 'alice',
    memberCount: 3,
    selfInfo: { role: 'Owner' },
  });
  expect((await bobListUpdated) as Array<{ groupID: string }>).toEqual([
    expect.objectContaining({ groupID: 'team1', selfInfo: expect.objectContaining({ role: 'Member' }) }),
  ]);
  const [bobIn, carolIn, daveIn] = [inbox(bob), inbox(carol), inbox(dave)];

  const first = await sendGroupText(alice, 'team1', 'hello team');
  expect(first.data.message).toMatchObject({
    status: 'success',
    conversationID: 'GROUPteam1',
    conversationType: 'GROUP',
    sequence: 1,
  });
  const second = await sendGroupText(bob, 'team1', 'hi alice');
  expect(second.data.message.sequence).toBe(2);

  await until(() => carolIn.length === 2 && bobIn.length === 1);
  expect(carolIn.map((m) => [m.payload.text, m.from, m.sequence])).toEqual([
    ['hello team', 'alice', 1],
    ['hi alice', 'bob', 2],
  ]);
  expect(carolIn[0]).toMatchObject({ flow: 'in', conversationID: 'GROUPteam1', to: 'team1' });
  expect(bobIn.map((m) => m.payload.text)).toEqual(['hello team']);
  expect(carol.getTotalUnreadMessageCount()).toBe(2);
  expect(bob.getTotalUnreadMessageCount()).toBe(1);
  expect(alice.getTotalUnreadMessageCount()).toBe(1);
  expect(await conversation(carol, 'GROUPteam1')).toMatchObject({
    type: 'GROUP',
    unreadCount: 2,
    groupProfile: { groupID: 'team1' },
    groupAtInfoList: [],
  });

  // The server's state, not just the pushes: a member logging in fresh sees the same.
  const carolAgain = await readyChat(server, 'carol');
  expect(carolAgain.getTotalUnreadMessageCount()).toBe(2);
  expect(await historyTexts(carolAgain, 'GROUPteam1')).toEqual(['hello team', 'hi alice']);
  await carolAgain.setMessageRead({ conversationID: 'GROUPteam1' });
  expect((await readyChat(server, 'carol')).getTotalUnreadMessageCount()).toBe(0);

  // dave, not a member, got nothing and may neither read nor send.
  expect(daveIn).toEqual([]);
  expect(dave.getTotalUnreadMessageCount()).toBe(0);
  expect(await rejectionOf(dave.getMessageList({ conversationID: 'GROUPteam1' }))).toMatchObject({ code: 10007 });
  const refused = await rejectionOf(sendGroupText(dave, 'team1', 'let me in'));
  expect(refused).toMatchObject({ code: 10007, message: expect.stringMatching(/not a member/) });
  expect(await historyTexts(alice, 'GROUPteam1')).toEqual(['hello team', 'hi alice']);
});

test('an unknown group is 10010 for sending, history, profile and joining', async () => {
  const alice = await readyChat(server, 'alice');
  expect(await rejectionOf(sendGroupText(alice, 'nowhere', 'hi'))).toMatchObject({ code: 10010 });
  expect(await rejectionOf(alice.getMessageList({ conversationID: 'GROUPnowhere' }))).toMatchObject({ code: 10010 });
  expect(await rejectionOf(alice.getGroupProfile({ groupID: 'nowhere' }))).toMatchObject({ code: 10010 });
  expect(await rejectionOf(alice.joinGroup({ groupID: 'nowhere' }))).toMatchObject({ code: 10010 });
  expect((await alice.getConversationList()).data.conversationList).toEqual([]);
});

test('every group type can be created; Meeting, AVChatRoom and Community are joined freely, Public after approval, Work only by invitation', async () => {
  const alice = await readyChat(server, 'alice');
  const bob = await readyChat(server, 'bob');
  const types = [TYPES.GRP_WORK, TYPES.GRP_PUBLIC, TYPES.GRP_MEETING, TYPES.GRP_AVCHATROOM, TYPES.GRP_COMMUNITY];
  for (const type of types) await alice.createGroup({ name: `a ${type}`, type, groupID: `g-${type}` });
  expect((await alice.getGroupList()).data.groupList.map((g) => g.type).sort()).toEqual([...types].sort());

  expect(await rejectionOf(bob.joinGroup({ groupID: 'g-Private' }))).toMatchObject({
    code: 10007,
    message: expect.stringMatching(/invitation/),
  });
  expect(await rejectionOf(bob.getGroupProfile({ groupID: 'g-Private' }))).toMatchObject({ code: 10007 });
  expect((await bob.joinGroup({ groupID: 'g-Public' })).data.status).toBe(TYPES.JOIN_STATUS_WAIT_APPROVAL);
  await alice.handleGroupApplication({ handleAction: 'Agree', application: { groupID: 'g-Public', applicant: 'bob' } });
  for (const type of types.slice(2)) {
    const { data } = await bob.joinGroup({ groupID: `g-${type}` });
    expect(data).toMatchObject({
      status: 'JoinedSuccess',
      group: { groupID: `g-${type}`, memberCount: 2, selfInfo: { role: 'Member' } },
    });
  }
  expect((await bob.joinGroup({ groupID: 'g-Public' })).data.status).toBe('AlreadyInGroup');
  expect((await bob.getGroupList()).data.groupList.map((g) => g.groupID).sort()).toEqual(
    types
      .slice(1)
      .map((t) => `g-${t}`)
      .sort(),
  );
  const members = await alice.getGroupMemberList({ groupID: 'g-Public' });
  expect(members.data.memberList.map((m) => [m.userID, m.role])).toEqual([
    ['alice', 'Owner'],
    ['bob', 'Member'],
  ]);
});

test('quitting stops delivery and reading; the owner cannot quit; dismissing removes the group for everyone', async () => {
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  await alice.createGroup({
    name: 'club',
    type: TYPES.GRP_PUBLIC,
    groupID: 'club',
    memberList: [{ userID: 'bob' }, { userID: 'carol' }],
  });
  await sendGroupText(alice, 'club', 'before');
  const bobUpdated = nextEvent(bob, EVENT.GROUP_LIST_UPDATED);
  expect((await bob.quitGroup('club')).data).toEqual({ groupID: 'club' });
  expect(await bobUpdated).toEqual([]);
  const [bobIn, carolIn] = [inbox(bob), inbox(carol)];
  await sendGroupText(alice, 'club', 'after');
  await until(() => carolIn.length === 1);
  expect(bobIn).toEqual([]);
  expect(await rejectionOf(bob.getMessageList({ conversationID: 'GROUPclub' }))).toMatchObject({ code: 10007 });
  expect(await rejectionOf(sendGroupText(bob, 'club', 'still here?'))).toMatchObject({ code: 10007 });

  expect(await rejectionOf(alice.quitGroup('club'))).toMatchObject({
    code: 10007,
    message: expect.stringMatching(/dismiss/),
  });
  expect(await rejectionOf(carol.dismissGroup('club'))).toMatchObject({
    code: 10007,
    message: expect.stringMatching(/owner/),
  });
  const carolUpdated = nextEvent(carol, EVENT.GROUP_LIST_UPDATED);
  await alice.dismissGroup('club');
  expect(await carolUpdated).toEqual([]);
  expect(await rejectionOf(sendGroupText(carol, 'club', 'hello?'))).toMatchObject({ code: 10010 });
  expect((await alice.getGroupList()).data.groupList).toEqual([]);
});

test('members are added and removed by those allowed to; removed members stop receiving', async () => {
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'pub', type: TYPES.GRP_PUBLIC, groupID: 'pub', memberList: [{ userID: 'bob' }] });
  expect(await rejectionOf(bob.addGroupMember({ groupID: 'pub', userIDList: ['carol'] }))).toMatchObject({
    code: 10007,
  });
  const carolUpdated = nextEvent(carol, EVENT.GROUP_LIST_UPDATED);
  const added = await alice.addGroupMember({ groupID: 'pub', userIDList: ['carol', 'bob'] });
  expect(added.data).toMatchObject({
    successUserIDList: ['carol'],
    existedUserIDList: ['bob'],
    group: { memberCount: 3 },
  });
  expect(((await carolUpdated) as Array<{ groupID: string }>).map((g) => g.groupID)).toEqual(['pub']);

  expect(await rejectionOf(bob.deleteGroupMember({ groupID: 'pub', userIDList: ['carol'] }))).toMatchObject({
    code: 10007,
  });
  expect(await rejectionOf(alice.deleteGroupMember({ groupID: 'pub', userIDList: ['alice'] }))).toMatchObject({
    code: 10007,
  });
  expect((await alice.deleteGroupMember({ groupID: 'pub', userIDList: ['carol'] })).data).toMatchObject({
    userIDList: ['carol'],
    group: { memberCount: 2 },
  });
  const [bobIn, carolIn] = [inbox(bob), inbox(carol)];
  await sendGroupText(alice, 'pub', 'without carol');
  const texts = (messages: Array<{ type: string }>) => messages.filter((message) => message.type === TYPES.MSG_TEXT);
  await until(() => texts(bobIn).length === 1);
  expect(texts(carolIn)).toEqual([]);

  // In a Work group any member may invite.
  await alice.createGroup({ name: 'work', groupID: 'work', memberList: [{ userID: 'bob' }] });
  expect((await bob.addGroupMember({ groupID: 'work', userIDList: ['carol'] })).data.successUserIDList).toEqual([
    'carol',
  ]);
});

describe('bad group input is refused with the documented code and changes nothing', () => {
  let alice: RawClient;
  beforeEach(async () => {
    alice = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice', server.userSig('alice'));
  });
  afterEach(async () => {
    expect(await alice.request('getGroupList', {})).toMatchObject({ code: 0, d: { groupList: [] } });
    alice.close();
  });

  test.each([
    ['no name', { type: 'Public' }, 90003, /name must be a string/],
    ['an empty name', { name: '  ' }, 90003, /name must be 1 to 100 bytes/],
    ['a name over 100 bytes', { name: '長'.repeat(34) }, 90003, /100 bytes/],
    ['an unknown type', { name: 'x', type: 'Secret' }, 90003, /type must be one of/],
    ['a type that is a number', { name: 'x', type: 1 }, 90003, /type must be one of/],
    ['a hostile groupID', { name: 'x', groupID: '../../etc' }, 90003, /groupID/],
    ['a groupID over 48', { name: 'x', groupID: 'g'.repeat(49) }, 90003, /groupID/],
    ['memberList as a string', { name: 'x', memberList: 'bob' }, 90003, /memberList must be an array/],
    [
      'a member that is not a userID',
      { name: 'x', memberList: [{ userID: 'bob smith' }] },
      90003,
      /memberList\[0\]\.userID must be a userID/,
    ],
    [
      'over 500 members',
      { name: 'x', memberList: Array.from({ length: 501 }, (_, i) => ({ userID: `u${i}` })) },
      90003,
      /at most 500/,
    ],
    [
      'members for an AVChatRoom',
      { name: 'x', type: 'AVChatRoom', memberList: [{ userID: 'bob' }] },
      90003,
      /AVChatRoom/,
    ],
  ])('createGroup with %s', async (_name, d, code, message) => {
    const answer = await alice.request('createGroup', d);
    expect(answer).toMatchObject({ code });
    expect((answer as { msg: string }).msg).toMatch(message);
  });

  test.each([
    ['joinGroup', { groupID: 5 }],
    ['quitGroup', {}],
    ['getGroupMemberList', { groupID: 'g', count: 1000 }],
    ['addGroupMember', { groupID: 'g', userIDList: [] }],
    ['addGroupMember', { groupID: 'g', userIDList: 'bob' }],
    ['deleteGroupMember', { groupID: 'g', userIDList: [{}] }],
  ])('%s with %j → 90003', async (op, d) => {
    expect(await alice.request(op, d)).toMatchObject({ code: 90003 });
  });

  test('a taken group ID → 90007, and the first group is untouched', async () => {
    const bob = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'bob', server.userSig('bob'));
    expect(await bob.request('createGroup', { name: 'first', groupID: 'taken' })).toMatchObject({ code: 0 });
    expect(await alice.request('createGroup', { name: 'second', groupID: 'taken' })).toMatchObject({ code: 90007 });
    expect(await bob.request('getGroupProfile', { groupID: 'taken' })).toMatchObject({
      d: { group: { name: 'first', ownerID: 'bob', memberCount: 1 } },
    });
    bob.close();
  });
});

test('the SDK checks group input before it goes out', async () => {
  const alice = await readyChat(server, 'alice');
  expect(await rejectionOf(alice.createGroup({ name: '' }))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/name/),
  });
  expect(await rejectionOf(alice.createGroup({ name: 'x', type: 'Club' as never }))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/type must be one of/),
  });
  expect(await rejectionOf(alice.joinGroup(null as never))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(alice.addGroupMember({ groupID: 'g', userIDList: [] }))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(alice.quitGroup('bad group id'))).toMatchObject({ code: 90003 });
});
