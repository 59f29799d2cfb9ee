import { ServerProcess } from '../helpers/server-process';
import { destroyAll, readyChat, rejectionOf, sendGroupText, sendText, type Chat } from '../helpers/sdk';

/** getMessageListHopping: opening a conversation at a sequence or a time, both ways, through the real server. */
let server: ServerProcess;
let alice: Chat, bob: Chat, carol: Chat;

beforeEach(async () => {
  server = await ServerProcess.start();
  [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'team', groupID: 'team', memberList: [{ userID: 'bob' }] });
});

afterEach(async () => {
  await destroyAll();
  await server.close();
});

const sequences = (result: { data: { messageList: Array<{ sequence: number }> } }) =>
  result.data.messageList.map((m) => m.sequence);

test('group: from a sequence, older (0, the default) or newer (1), oldest first, the start included', async () => {
  for (let i = 1; i <= 20; i++) await sendGroupText(alice, 'team', `message ${i}`);
  const at = (options: Record<string, number>) =>
    bob.getMessageListHopping({ conversationID: 'GROUPteam', ...options });

  expect(sequences(await at({ sequence: 10 }))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(sequences(await at({ sequence: 10, count: 3 }))).toEqual([8, 9, 10]);
  expect(sequences(await at({ sequence: 10, count: 3, direction: 1 }))).toEqual([10, 11, 12]);
  expect(sequences(await at({ sequence: 10, direction: 1 }))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
  expect(sequences(await at({ sequence: 20, direction: 0 }))).toEqual([
    6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  ]);
  expect(sequences(await at({ sequence: 21, direction: 1 }))).toEqual([]);
  const page = await at({ sequence: 5, count: 1 });
  expect(page.data.messageList[0]).toMatchObject({ sequence: 5, payload: { text: 'message 5' }, flow: 'in' });
  // The messages are the SDK's own: findMessage knows them.
  expect(bob.findMessage(page.data.messageList[0].ID)).toBe(page.data.messageList[0]);
});

test('C2C: from a server time, older or newer; messages deleted for me and targeted ones for others are skipped', async () => {
  const sent = [];
  for (const text of ['first', 'second', 'third']) {
    sent.push((await sendText(alice, 'bob', text)).data.message);
    await new Promise((resolve) => setTimeout(resolve, 1100));
  }
  const time = sent[1].time;
  const at = (options: Record<string, number>) => bob.getMessageListHopping({ conversationID: 'C2Calice', ...options });
  const texts = (result: Awaited<ReturnType<typeof at>>) => result.data.messageList.map((m) => m.payload.text);
  expect(texts(await at({ time }))).toEqual(['first', 'second']);
  expect(texts(await at({ time, direction: 1 }))).toEqual(['second', 'third']);
  expect(texts(await at({ time: sent[2].time + 100, direction: 1 }))).toEqual([]);
  expect(texts(await at({ time: 1 }))).toEqual([]);

  const [, second] = (await bob.getMessageList({ conversationID: 'C2Calice' })).data.messageList;
  await bob.deleteMessage([second]);
  expect(texts(await at({ time, direction: 1 }))).toEqual(['third']);
  expect(texts(await alice.getMessageListHopping({ conversationID: 'C2Cbob', time, direction: 1 }))).toEqual([
    'second',
    'third',
  ]);

  await alice.addGroupMember({ groupID: 'team', userIDList: ['carol'] });
  await sendGroupText(alice, 'team', 'for carol', { receiverList: ['carol'] });
  await sendGroupText(alice, 'team', 'for all');
  const seen = (await bob.getMessageListHopping({ conversationID: 'GROUPteam', sequence: 1, direction: 1 })).data
    .messageList;
  // Sequence 1 is the tip that carol was invited (issue 16); bob does not see the message for carol.
  expect(seen.map((m) => m.payload.text ?? m.type)).toEqual(['TIMGroupTipElem', 'for all']);
  expect(
    (await carol.getMessageListHopping({ conversationID: 'GROUPteam', sequence: 1, direction: 1 })).data.messageList,
  ).toHaveLength(3);
});

test('refusals: no start, a bad direction or count, a bad conversation (90003); not a member (10007); no such group (10010)', async () => {
  await sendGroupText(alice, 'team', 'hi');
  const hop = (options: Record<string, unknown>) =>
    rejectionOf(bob.getMessageListHopping({ conversationID: 'GROUPteam', ...options }));
  expect(await hop({})).toMatchObject({ code: 90003, message: /sequence/ });
  expect(await hop({ sequence: 1, direction: 2 })).toMatchObject({ code: 90003, message: /direction/ });
  expect(await hop({ sequence: 1, count: 16 })).toMatchObject({ code: 90003, message: /count/ });
  expect(await hop({ sequence: 0 })).toMatchObject({ code: 90003 });
  expect(await hop({ sequence: '1' })).toMatchObject({ code: 90003 });
  expect(await rejectionOf(bob.getMessageListHopping({ conversationID: 'nowhere', sequence: 1 }))).toMatchObject({
    code: 90003,
  });
  expect(await rejectionOf(bob.getMessageListHopping(null as never))).toMatchObject({ code: 90003 });
  expect(await rejectionOf(carol.getMessageListHopping({ conversationID: 'GROUPteam', sequence: 1 }))).toMatchObject({
    code: 10007,
  });
  expect(await rejectionOf(carol.getMessageListHopping({ conversationID: 'GROUPnone', sequence: 1 }))).toMatchObject({
    code: 10010,
  });
});
