import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { conversation, destroyAll, nextEvent, readyChat, rejectionOf, sendText, type Chat } from '../helpers/sdk';

/** Conversation groups through the real server: alice's phone and laptop, and two peers who write to her. */
const { EVENT } = TencentCloudChat;

let server: ServerProcess;
let phone: Chat;
let laptop: Chat;

beforeEach(async () => {
  server = await ServerProcess.start();
  [phone, laptop] = await Promise.all([readyChat(server, 'alice'), readyChat(server, 'alice')]);
  const [bob, carol] = await Promise.all([readyChat(server, 'bob'), readyChat(server, 'carol')]);
  await sendText(bob, 'alice', 'hi from bob');
  await sendText(carol, 'alice', 'hi from carol');
  for (const device of [phone, laptop])
    await eventually(async () => expect(await conversation(device, 'C2Ccarol')).toBeDefined());
});

afterEach(async () => {
  await destroyAll();
  await server.close();
});

async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

const inGroup = async (chat: Chat, groupName: string) =>
  (await chat.getConversationList({ groupName })).data.conversationList.map((c) => c.conversationID);

test('create, add, remove, rename and delete a group: every device has it, with the events', async () => {
  const groupsChanged = nextEvent(laptop, EVENT.CONVERSATION_GROUP_LIST_UPDATED);
  const inGroupChanged = nextEvent(laptop, EVENT.CONVERSATION_IN_GROUP_UPDATED);
  expect(
    await phone.createConversationGroup({ groupName: 'Suppliers', conversationIDList: ['C2Cbob', 'C2Cnobody'] }),
  ).toEqual({
    code: 0,
    data: {
      successConversationIDList: ['C2Cbob'],
      failureConversationIDList: [{ conversationID: 'C2Cnobody', code: 2500, message: expect.any(String) as unknown }],
    },
  });
  expect(await groupsChanged).toEqual(['Suppliers']);
  expect(await inGroupChanged).toMatchObject({
    groupName: 'Suppliers',
    conversationList: [{ conversationID: 'C2Cbob' }],
  });
  expect(await laptop.getConversationGroupList()).toEqual({ code: 0, data: ['Suppliers'] });
  expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ conversationGroupList: ['Suppliers'] });

  await laptop.addConversationsToGroup({ groupName: 'Suppliers', conversationIDList: ['C2Ccarol'] });
  await eventually(async () => expect(await inGroup(phone, 'Suppliers')).toEqual(['C2Ccarol', 'C2Cbob']));
  expect(
    await phone.deleteConversationsFromGroup({ groupName: 'Suppliers', conversationIDList: ['C2Cbob', 'C2Ccarol'] }),
  ).toMatchObject({ data: { successConversationIDList: ['C2Cbob', 'C2Ccarol'], failureConversationIDList: [] } });
  await phone.addConversationsToGroup({ groupName: 'Suppliers', conversationIDList: ['C2Cbob'] });

  expect(await phone.renameConversationGroup({ oldName: 'Suppliers', newName: 'Vendors' })).toEqual({
    code: 0,
    data: {},
  });
  await eventually(async () =>
    expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ conversationGroupList: ['Vendors'] }),
  );
  const tablet = await readyChat(server, 'alice');
  expect(await inGroup(tablet, 'Vendors')).toEqual(['C2Cbob']);
  expect((await tablet.getConversationGroupList()).data).toEqual(['Vendors']);

  const deleted = nextEvent(tablet, EVENT.CONVERSATION_GROUP_LIST_UPDATED);
  expect(await phone.deleteConversationGroup('Vendors')).toEqual({ code: 0, data: {} });
  expect(await deleted).toEqual([]);
  expect(await conversation(tablet, 'C2Cbob')).toMatchObject({ conversationGroupList: [] });
});

test('a deleted conversation leaves its groups', async () => {
  await phone.createConversationGroup({ groupName: 'Work', conversationIDList: ['C2Cbob', 'C2Ccarol'] });
  await phone.deleteConversation({ conversationIDList: ['C2Cbob'], clearHistoryMessage: false });
  expect(await inGroup(await readyChat(server, 'alice'), 'Work')).toEqual(['C2Ccarol']);
});

describe('refusals', () => {
  test('a name that is taken (51012), a group that does not exist (51009), a bad name (51011), the 21st group (51010)', async () => {
    await phone.createConversationGroup({ groupName: 'Work', conversationIDList: ['C2Cbob'] });
    const code = async (promise: Promise<unknown>) => (await rejectionOf(promise)).code;
    expect(await code(phone.createConversationGroup({ groupName: 'Work', conversationIDList: ['C2Ccarol'] }))).toBe(
      51012,
    );
    expect(await code(phone.renameConversationGroup({ oldName: 'Nope', newName: 'Other' }))).toBe(51009);
    expect(await code(phone.deleteConversationGroup('Nope'))).toBe(51009);
    expect(await code(phone.addConversationsToGroup({ groupName: 'Nope', conversationIDList: ['C2Cbob'] }))).toBe(
      51009,
    );
    expect(await code(phone.deleteConversationsFromGroup({ groupName: 'Nope', conversationIDList: ['C2Cbob'] }))).toBe(
      51009,
    );
    expect(
      await code(phone.createConversationGroup({ groupName: 'x'.repeat(33), conversationIDList: ['C2Cbob'] })),
    ).toBe(51011);
    expect(await code(phone.createConversationGroup({ groupName: '', conversationIDList: ['C2Cbob'] }))).toBe(51011);
    expect(await code(phone.renameConversationGroup({ oldName: 'Work', newName: 5 as never }))).toBe(51011);
    expect(await code(phone.createConversationGroup({ groupName: 'Empty', conversationIDList: [] }))).toBe(90003);
    for (let i = 1; i < 20; i++)
      await phone.createConversationGroup({ groupName: `g${i}`, conversationIDList: ['C2Cbob'] });
    expect(
      await code(phone.createConversationGroup({ groupName: 'one too many', conversationIDList: ['C2Cbob'] })),
    ).toBe(51010);
    expect((await phone.getConversationGroupList()).data).toHaveLength(20);
    expect(await conversation(phone, 'C2Ccarol')).toMatchObject({ conversationGroupList: [] });
  });
});
