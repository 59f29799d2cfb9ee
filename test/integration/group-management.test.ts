import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, inbox, readyChat, rejectionOf, sendGroupText, until, type Chat } from '../helpers/sdk';

/** Group management through the real server: who may rename, promote, mute, hand over and edit members, and the tips each change leaves. */
let server: ServerProcess;
const { TYPES, EVENT } = TencentCloudChat;

beforeEach(async () => {
  server = await ServerProcess.start();
});

afterEach(async () => {
  await destroyAll();
  await server.close();
});

type Received = ReturnType<typeof inbox>[number] & { payload: Record<string, unknown> };

function tips(messages: ReturnType<typeof inbox>): Received[] {
  return messages.filter((message) => message.type === TYPES.MSG_GRP_TIP);
}

async function threeInAGroup(type: string = TYPES.GRP_PUBLIC): Promise<[Chat, Chat, Chat]> {
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  await alice.createGroup({
    name: 'team',
    type: type as 'Public',
    groupID: 'g1',
    memberList: [{ userID: 'bob' }, { userID: 'carol' }],
  });
  return [alice, bob, carol];
}

test('the owner makes an admin; the admin removes and mutes plain members but not the owner or other admins; every change leaves a tip', async () => {
  const [alice, bob, carol] = await threeInAGroup();
  const carolIn = inbox(carol);
  expect(
    await rejectionOf(bob.setGroupMemberRole({ groupID: 'g1', userID: 'carol', role: TYPES.GRP_MBR_ROLE_ADMIN })),
  ).toMatchObject({ code: 10007, message: expect.stringMatching(/owner/) });
  const { data } = await alice.setGroupMemberRole({ groupID: 'g1', userID: 'bob', role: TYPES.GRP_MBR_ROLE_ADMIN });
  expect(data.group.groupID).toBe('g1');
  const { data: profiles } = await carol.getGroupMemberProfile({ groupID: 'g1', userIDList: ['bob', 'nobody'] });
  expect(profiles.memberList).toEqual([expect.objectContaining({ userID: 'bob', role: TYPES.GRP_MBR_ROLE_ADMIN })]);
  await until(() => tips(carolIn).length === 1);
  expect(tips(carolIn)[0]).toMatchObject({
    from: 'alice',
    conversationID: 'GROUPg1',
    payload: { operationType: TYPES.GRP_TIP_MBR_SET_ADMIN, operatorID: 'alice', userIDList: ['bob'] },
  });

  // The admin mutes carol, who cannot send until unmuted.
  expect(await rejectionOf(bob.setGroupMemberMuteTime({ groupID: 'g1', userID: 'alice', muteTime: 60 }))).toMatchObject(
    { code: 10007 },
  );
  const muted = await bob.setGroupMemberMuteTime({ groupID: 'g1', userID: 'carol', muteTime: 600 });
  expect(muted.data.member).toMatchObject({ userID: 'carol' });
  expect(muted.data.member.muteUntil).toBeGreaterThan(Date.now() / 1000 + 590);
  expect(await rejectionOf(sendGroupText(carol, 'g1', 'let me speak'))).toMatchObject({
    code: 10017,
    message: expect.stringMatching(/muted/),
  });
  await until(() => tips(carolIn).length === 2);
  expect(tips(carolIn)[1].payload).toMatchObject({
    operationType: TYPES.GRP_TIP_MBR_PROFILE_UPDATED,
    operatorID: 'bob',
    memberList: [{ userID: 'carol', muteTime: 600 }],
  });
  await bob.setGroupMemberMuteTime({ groupID: 'g1', userID: 'carol', muteTime: 0 });
  await sendGroupText(carol, 'g1', 'thanks');

  // An admin cannot remove another admin or the owner; the owner cannot be demoted.
  await alice.setGroupMemberRole({ groupID: 'g1', userID: 'carol', role: TYPES.GRP_MBR_ROLE_ADMIN });
  expect(await rejectionOf(bob.deleteGroupMember({ groupID: 'g1', userIDList: ['carol'] }))).toMatchObject({
    code: 10007,
    message: expect.stringMatching(/an admin/),
  });
  expect(
    await rejectionOf(alice.setGroupMemberRole({ groupID: 'g1', userID: 'alice', role: TYPES.GRP_MBR_ROLE_MEMBER })),
  ).toMatchObject({ code: 10007 });
  await alice.setGroupMemberRole({ groupID: 'g1', userID: 'carol', role: TYPES.GRP_MBR_ROLE_MEMBER });
  await until(() => tips(carolIn).some((tip) => tip.payload.operationType === TYPES.GRP_TIP_MBR_CANCELED_ADMIN));
  await bob.deleteGroupMember({ groupID: 'g1', userIDList: ['carol'] });
  expect((await alice.getGroupMemberList({ groupID: 'g1' })).data.memberList.map((m) => m.userID).sort()).toEqual([
    'alice',
    'bob',
  ]);
});

test('muting the whole group silences plain members, not the owner or admins', async () => {
  const [alice, bob, carol] = await threeInAGroup();
  await alice.setGroupMemberRole({ groupID: 'g1', userID: 'bob', role: TYPES.GRP_MBR_ROLE_ADMIN });
  expect(await rejectionOf(carol.updateGroupProfile({ groupID: 'g1', muteAllMembers: true }))).toMatchObject({
    code: 10007,
  });
  const carolIn = inbox(carol);
  const { data } = await bob.updateGroupProfile({ groupID: 'g1', muteAllMembers: true });
  expect(data.group.muteAllMembers).toBe(true);
  expect(await rejectionOf(sendGroupText(carol, 'g1', 'hello?'))).toMatchObject({ code: 10017 });
  await sendGroupText(alice, 'g1', 'owner speaks');
  await sendGroupText(bob, 'g1', 'admin speaks');
  await until(() => tips(carolIn).length === 1);
  expect(tips(carolIn)[0].payload).toMatchObject({
    operationType: TYPES.GRP_TIP_GRP_PROFILE_UPDATED,
    operatorID: 'bob',
    newGroupProfile: { muteAllMembers: true },
  });
  await alice.updateGroupProfile({ groupID: 'g1', muteAllMembers: false });
  await sendGroupText(carol, 'g1', 'free again');
});

test('the profile is renamed and described by the owner or an admin; in a Work group any member edits the basic profile', async () => {
  const [alice, bob, carol] = await threeInAGroup();
  const bobListed = new Promise<unknown>((resolve) => bob.on(EVENT.GROUP_LIST_UPDATED, ({ data }) => resolve(data)));
  const { data } = await alice.updateGroupProfile({
    groupID: 'g1',
    name: 'renamed',
    introduction: 'about us',
    notification: 'be kind',
    avatar: 'https://example.com/a.png',
    joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS,
    groupCustomField: [{ key: 'topic', value: 'chat' }],
  });
  expect(data.group).toMatchObject({
    name: 'renamed',
    introduction: 'about us',
    notification: 'be kind',
    avatar: 'https://example.com/a.png',
    joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS,
    groupCustomField: [{ key: 'topic', value: 'chat' }],
  });
  await bobListed;
  expect((await bob.getGroupProfile({ groupID: 'g1' })).data.group.name).toBe('renamed');
  expect(await rejectionOf(carol.updateGroupProfile({ groupID: 'g1', name: 'mine' }))).toMatchObject({ code: 10007 });
  expect(await rejectionOf(alice.updateGroupProfile({ groupID: 'g1' }))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(alice.updateGroupProfile({ groupID: 'nowhere', name: 'x' }))).toMatchObject({ code: 10010 });
  expect(await rejectionOf(alice.updateGroupProfile({ groupID: 'g1', name: 'x'.repeat(101) }))).toMatchObject({
    code: 90003,
  });

  await alice.createGroup({ name: 'work', groupID: 'w1', memberList: [{ userID: 'bob' }] });
  expect((await bob.updateGroupProfile({ groupID: 'w1', name: 'work, renamed' })).data.group.name).toBe(
    'work, renamed',
  );
  expect(await rejectionOf(bob.updateGroupProfile({ groupID: 'w1', muteAllMembers: true }))).toMatchObject({
    code: 10007,
  });
  expect(
    await rejectionOf(alice.updateGroupProfile({ groupID: 'w1', joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS })),
  ).toMatchObject({ code: 90003, message: expect.stringMatching(/always DisableApply/) });
  expect(
    await rejectionOf(alice.setGroupMemberRole({ groupID: 'w1', userID: 'bob', role: TYPES.GRP_MBR_ROLE_ADMIN })),
  ).toMatchObject({ code: 10007, message: expect.stringMatching(/no admins/) });
});

test('ownership is handed to a member; the old owner becomes a member and the tip names the new one', async () => {
  const [alice, bob, carol] = await threeInAGroup();
  const carolIn = inbox(carol);
  expect(await rejectionOf(bob.changeGroupOwner({ groupID: 'g1', newOwnerID: 'bob' }))).toMatchObject({ code: 10007 });
  expect(await rejectionOf(alice.changeGroupOwner({ groupID: 'g1', newOwnerID: 'dave' }))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/not a member/),
  });
  expect(await rejectionOf(alice.changeGroupOwner({ groupID: 'nowhere', newOwnerID: 'bob' }))).toMatchObject({
    code: 10010,
  });
  const { data } = await alice.changeGroupOwner({ groupID: 'g1', newOwnerID: 'bob' });
  expect(data.group).toMatchObject({ ownerID: 'bob', selfInfo: { role: TYPES.GRP_MBR_ROLE_MEMBER } });
  await until(() => tips(carolIn).length === 1);
  expect(tips(carolIn)[0].payload).toMatchObject({
    operationType: TYPES.GRP_TIP_GRP_PROFILE_UPDATED,
    newGroupProfile: { ownerID: 'bob' },
  });
  await alice.quitGroup('g1');
  expect(await rejectionOf(bob.quitGroup('g1'))).toMatchObject({ code: 10007 });
});

test('name cards and member custom fields: each member edits their own, managers those of members below them', async () => {
  const [alice, bob, carol] = await threeInAGroup();
  await bob.setGroupMemberNameCard({ groupID: 'g1', nameCard: 'Bobby' });
  await alice.setGroupMemberNameCard({ groupID: 'g1', userID: 'carol', nameCard: 'Caz' });
  expect(
    await rejectionOf(bob.setGroupMemberNameCard({ groupID: 'g1', userID: 'carol', nameCard: 'x' })),
  ).toMatchObject({ code: 10007 });
  await carol.setGroupMemberCustomField({ groupID: 'g1', memberCustomField: [{ key: 'team', value: 'red' }] });
  const { data } = await alice.getGroupMemberProfile({ groupID: 'g1', userIDList: ['bob', 'carol'] });
  expect(data.memberList).toEqual([
    expect.objectContaining({ userID: 'bob', nameCard: 'Bobby' }),
    expect.objectContaining({ userID: 'carol', nameCard: 'Caz', memberCustomField: [{ key: 'team', value: 'red' }] }),
  ]);
  const dave = await readyChat(server, 'dave');
  expect(await rejectionOf(dave.getGroupMemberProfile({ groupID: 'g1', userIDList: ['bob'] }))).toMatchObject({
    code: 10007,
  });
  expect(await rejectionOf(dave.setGroupMemberNameCard({ groupID: 'g1', nameCard: 'x' }))).toMatchObject({
    code: 10007,
  });
});

test('online member count and search by ID', async () => {
  const [alice] = await threeInAGroup();
  expect((await alice.getGroupOnlineMemberCount('g1')).data.memberCount).toBe(3);
  const dave = await readyChat(server, 'dave');
  expect((await dave.searchGroupByID('g1')).data.group).toMatchObject({
    groupID: 'g1',
    name: 'team',
    joinOption: TYPES.JOIN_OPTIONS_NEED_PERMISSION,
  });
  expect(await rejectionOf(dave.searchGroupByID('nowhere'))).toMatchObject({ code: 10010 });
  expect(await rejectionOf(dave.getGroupOnlineMemberCount('g1'))).toMatchObject({ code: 10007 });
  await alice.createGroup({ name: 'work', groupID: 'w1' });
  expect(await rejectionOf(dave.searchGroupByID('w1'))).toMatchObject({ code: 10007 });
});

test('createGroup takes the profile fields too: a Public group created FreeAccess is joined at once', async () => {
  const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => readyChat(server, id)));
  const { data } = await alice.createGroup({
    name: 'open',
    type: TYPES.GRP_PUBLIC,
    groupID: 'open',
    introduction: 'all welcome',
    joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS,
    groupCustomField: [{ key: 'k', value: 'v' }],
  });
  expect(data.group).toMatchObject({
    introduction: 'all welcome',
    joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS,
    groupCustomField: [{ key: 'k', value: 'v' }],
  });
  expect((await bob.joinGroup({ groupID: 'open' })).data.status).toBe(TYPES.JOIN_STATUS_SUCCESS);
  expect(
    await rejectionOf(alice.createGroup({ name: 'w', groupID: 'w', joinOption: TYPES.JOIN_OPTIONS_FREE_ACCESS })),
  ).toMatchObject({ code: 90003, message: expect.stringMatching(/always DisableApply/) });
  expect(await rejectionOf(alice.createGroup({ name: 'x', introduction: 'x'.repeat(241) }))).toMatchObject({
    code: 90003,
    message: expect.stringMatching(/introduction/),
  });
  expect((await alice.getGroupList()).data.groupList.map((g) => g.groupID)).toEqual(['open']);
});
