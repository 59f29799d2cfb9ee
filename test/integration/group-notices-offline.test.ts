import TencentCloudChat from 'tidings';
import { LossyProxy } from '../helpers/lossy-proxy';
import { ServerProcess } from '../helpers/server-process';
import { conversation, destroyAll, inbox, readyChat, until, type Chat } from '../helpers/sdk';

/**
 * Group system notices are stored in each recipient's own `@TIM#SYSTEM` conversation: a user who was
 * offline when one was made finds it after logging in, or gets it from the catch-up after a reconnect.
 */
let server: ServerProcess;
let proxy: LossyProxy;
const { TYPES, EVENT } = TencentCloudChat;
const SYSTEM = '@TIM#SYSTEM';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  server = await ServerProcess.start();
  proxy = await LossyProxy.start(server.socketURL);
});

afterEach(async () => {
  await destroyAll();
  await proxy.close();
  await server.close();
});

type Notice = { ID: string; type: string; conversationID: string; sequence: number; payload: Record<string, unknown> };

const noticesIn = (messages: ReturnType<typeof inbox>) =>
  (messages as unknown as Notice[]).filter((message) => message.type === TYPES.MSG_GRP_SYS_NOTICE);

async function systemHistory(chat: Chat): Promise<Notice[]> {
  const { data } = await chat.getMessageList({ conversationID: SYSTEM });
  return data.messageList;
}

function reconnectedAfterCut(chat: Chat): Promise<void> {
  const reconnected = new Promise<void>((resolve) =>
    chat.on(
      EVENT.NET_STATE_CHANGE,
      ({ data }) => (data as { state: string }).state === TYPES.NET_STATE_CONNECTED && resolve(),
    ),
  );
  proxy.disconnectAll();
  return reconnected;
}

test('an owner who was offline when a join request came finds the notice after logging in, counted unread', async () => {
  const alice = await readyChat(server, 'alice');
  await alice.createGroup({ name: 'club', type: TYPES.GRP_PUBLIC, groupID: 'club' });
  await alice.logout();

  const carol = await readyChat(server, 'carol');
  expect((await carol.joinGroup({ groupID: 'club', applyMessage: 'let me in' })).data.status).toBe(
    TYPES.JOIN_STATUS_WAIT_APPROVAL,
  );

  const back = await readyChat(server, 'alice');
  expect(await conversation(back, SYSTEM)).toMatchObject({
    conversationID: SYSTEM,
    type: TYPES.CONV_SYSTEM,
    unreadCount: 1,
    lastMessage: { type: TYPES.MSG_GRP_SYS_NOTICE },
  });
  const [notice] = await systemHistory(back);
  expect(notice).toMatchObject({
    conversationID: SYSTEM,
    sequence: 1,
    payload: { operationType: 1, operatorID: 'carol', handleMessage: 'let me in', groupProfile: { groupID: 'club' } },
  });
  // The stored notice answers the request like the pushed one does.
  await back.handleGroupApplication({ handleAction: 'Agree', message: notice });
  expect((await carol.getGroupList()).data.groupList.map((group) => group.groupID)).toEqual(['club']);

  await back.setMessageRead({ conversationID: SYSTEM });
  expect(await conversation(back, SYSTEM)).toMatchObject({ unreadCount: 0 });
});

test('an applicant whose request was answered while their socket was down gets the outcome from the catch-up', async () => {
  const alice = await readyChat(server, 'alice');
  await alice.createGroup({ name: 'club', type: TYPES.GRP_PUBLIC, groupID: 'club' });
  const carol = await readyChat(server, 'carol', proxy.url);
  const carolIn = inbox(carol);
  await carol.joinGroup({ groupID: 'club', applyMessage: 'let me in' });
  const { data } = await alice.getGroupApplicationList();

  // The answer's push is lost as the network drops: only the catch-up can bring it.
  proxy.drop((message) => message.type === TYPES.MSG_GRP_SYS_NOTICE);
  await alice.handleGroupApplication({
    handleAction: 'Reject',
    handleMessage: 'not now',
    application: data.applicationList[0],
  });
  await sleep(100);
  expect(noticesIn(carolIn)).toEqual([]);
  proxy.deliverAll();
  await reconnectedAfterCut(carol);

  await until(() => noticesIn(carolIn).length === 1);
  expect(noticesIn(carolIn)[0]).toMatchObject({
    conversationID: SYSTEM,
    payload: { operationType: 3, operatorID: 'alice', handleMessage: 'not now' },
  });
  expect(await conversation(carol, SYSTEM)).toMatchObject({ unreadCount: 1 });
});

test('a member removed while logged out finds the notice after logging in', async () => {
  const alice = await readyChat(server, 'alice');
  await alice.createGroup({ name: 'club', type: TYPES.GRP_PUBLIC, groupID: 'club', memberList: [{ userID: 'bob' }] });
  await alice.deleteGroupMember({ groupID: 'club', userIDList: ['bob'] });

  const bob = await readyChat(server, 'bob');
  expect((await systemHistory(bob)).map((notice) => notice.payload)).toEqual([
    expect.objectContaining({
      operationType: 4,
      operatorID: 'alice',
      groupProfile: expect.objectContaining({ groupID: 'club' }),
    }),
  ]);
});

test('online, each notice is reported once on every device, live push and reconnect catch-up together', async () => {
  const alice = await readyChat(server, 'alice');
  const phone = await readyChat(server, 'bob', proxy.url);
  const laptop = await readyChat(server, 'bob');
  const [phoneIn, laptopIn] = [inbox(phone), inbox(laptop)];
  await alice.createGroup({ name: 'one', type: TYPES.GRP_PUBLIC, groupID: 'one', memberList: [{ userID: 'bob' }] });
  await alice.setGroupMemberRole({ groupID: 'one', userID: 'bob', role: TYPES.GRP_MBR_ROLE_ADMIN });
  await until(() => noticesIn(phoneIn).length === 1 && noticesIn(laptopIn).length === 1);

  await reconnectedAfterCut(phone);
  await alice.setGroupMemberRole({ groupID: 'one', userID: 'bob', role: TYPES.GRP_MBR_ROLE_MEMBER });
  await until(() => noticesIn(phoneIn).length === 2 && noticesIn(laptopIn).length === 2);
  await sleep(200);
  for (const received of [phoneIn, laptopIn])
    expect(noticesIn(received).map((notice) => [notice.sequence, notice.payload.operationType])).toEqual([
      [1, 9],
      [2, 10],
    ]);
  expect(await conversation(phone, SYSTEM)).toMatchObject({ unreadCount: 2 });
  expect(await conversation(laptop, SYSTEM)).toMatchObject({ unreadCount: 2 });
});

test("nobody reads another user's system conversation: each reads only their own", async () => {
  const alice = await readyChat(server, 'alice');
  const mallory = await readyChat(server, 'mallory');
  const aliceIn = inbox(alice);
  await alice.createGroup({ name: 'club', type: TYPES.GRP_PUBLIC, groupID: 'club' });
  await mallory.joinGroup({ groupID: 'club', applyMessage: 'secret' });
  await until(() => noticesIn(aliceIn).length === 1);
  expect(await systemHistory(alice)).toHaveLength(1);
  expect(await systemHistory(mallory)).toEqual([]);
  expect(await conversation(mallory, SYSTEM)).toBeUndefined();
});
