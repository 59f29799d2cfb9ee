import TencentCloudChat from 'tidings';
import { bubbleView } from '../../components/shared/bubble-view';
import type { ChatMessage } from '../../components/shared/message';
import { messageSummary } from '../../components/shared/summary';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, inbox, readyChat, until } from '../helpers/sdk';

/** The bubbles both twins render for group tips and notices, fed with messages a real server made (not fixtures), in both locales. */
let server: ServerProcess;
const { TYPES } = TencentCloudChat;

beforeAll(async () => {
  server = await ServerProcess.start();
});

afterAll(async () => {
  await destroyAll();
  await server.close();
});

test('every tip and notice the server sends reads as a sentence in zh and en', async () => {
  const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'club', type: TYPES.GRP_PUBLIC, groupID: 'club', memberList: [{ userID: 'bob' }] });
  const [aliceIn, bobIn, carolIn] = [inbox(alice), inbox(bob), inbox(carol)];
  await carol.joinGroup({ groupID: 'club', applyMessage: 'hi' });
  await until(() => aliceIn.some((m) => m.type === TYPES.MSG_GRP_SYS_NOTICE));
  await alice.handleGroupApplication({ handleAction: 'Agree', application: { groupID: 'club', applicant: 'carol' } });
  await alice.setGroupMemberRole({ groupID: 'club', userID: 'bob', role: TYPES.GRP_MBR_ROLE_ADMIN });
  await alice.setGroupMemberRole({ groupID: 'club', userID: 'bob', role: TYPES.GRP_MBR_ROLE_MEMBER });
  await alice.updateGroupProfile({ groupID: 'club', name: 'book club' });
  await alice.updateGroupProfile({ groupID: 'club', muteAllMembers: true });
  await alice.setGroupMemberMuteTime({ groupID: 'club', userID: 'carol', muteTime: 60 });
  await alice.setGroupMemberMuteTime({ groupID: 'club', userID: 'carol', muteTime: 0 });
  await alice.changeGroupOwner({ groupID: 'club', newOwnerID: 'bob' });
  await bob.deleteGroupMember({ groupID: 'club', userIDList: ['carol'] });
  await alice.quitGroup('club');
  await until(() => bobIn.filter((m) => m.type === TYPES.MSG_GRP_TIP).length === 10);
  await until(() => carolIn.filter((m) => m.type === TYPES.MSG_GRP_SYS_NOTICE).length === 2);

  const lines = (messages: typeof bobIn, type: string, locale: 'zh' | 'en') =>
    messages
      .filter((m) => m.type === type)
      .map((m) => {
        const view = bubbleView(m as unknown as ChatMessage, 'bob', locale);
        expect(view.kind).toBe('tip');
        expect(messageSummary(m as unknown as ChatMessage, locale)).toBe(view.notice);
        return view.notice;
      });
  expect(lines(bobIn, TYPES.MSG_GRP_TIP, 'en')).toEqual([
    'carol joined the group',
    'bob is now an admin',
    'bob is no longer an admin',
    'alice renamed the group to “book club”',
    'alice muted all members',
    'carol was muted by alice',
    'carol was unmuted by alice',
    'bob is now the group owner',
    'carol was removed from the group',
    'alice left the group',
  ]);
  expect(lines(bobIn, TYPES.MSG_GRP_TIP, 'zh')).toEqual([
    'carol 加入了群组',
    'bob 成为管理员',
    'bob 不再是管理员',
    'alice 将群名称修改为“book club”',
    'alice 开启了全员禁言',
    'carol 被 alice 禁言',
    'carol 被 alice 取消禁言',
    'bob 成为新的群主',
    'carol 被移出了群组',
    'alice 退出了群组',
  ]);
  expect(lines(aliceIn, TYPES.MSG_GRP_SYS_NOTICE, 'en')).toEqual(['carol asks to join club: hi']);
  expect(lines(carolIn, TYPES.MSG_GRP_SYS_NOTICE, 'en')).toEqual([
    'alice accepted your request to join club',
    'bob removed you from book club',
  ]);
  expect(lines(carolIn, TYPES.MSG_GRP_SYS_NOTICE, 'zh')).toEqual([
    'alice 同意了你加入 club',
    '你被 bob 移出了 book club',
  ]);
  expect(lines(bobIn, TYPES.MSG_GRP_SYS_NOTICE, 'zh')).toEqual([
    'alice 将你设为 club 的管理员',
    'alice 取消了你在 club 的管理员身份',
  ]);
});
