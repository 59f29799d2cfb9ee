import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import { destroyAll, readyChat, rejectionOf, sendGroupText, sendText, type Chat } from '../helpers/sdk';

/** searchCloudMessages over the caller's own conversations, backed by the server's FTS5 trigram index. */
let server: ServerProcess;
let alice: Chat, bob: Chat, carol: Chat, dave: Chat;
const { TYPES } = TencentCloudChat;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await ServerProcess.start();
  [alice, bob, carol, dave] = await Promise.all(['alice', 'bob', 'carol', 'dave'].map((id) => readyChat(server, id)));
  await alice.createGroup({ name: 'proj', groupID: 'proj', memberList: [{ userID: 'bob' }, { userID: 'carol' }] });
  const keep = async (name: string, sending: Promise<{ data: { message: { ID: string } } }>) => {
    ids[name] = (await sending).data.message.ID;
  };
  await keep('weather', sendText(alice, 'bob', '今天天气很好,我们去公园吧'));
  await keep('bobMeeting', sendText(bob, 'alice', 'Meeting at noon?'));
  await keep('notes', sendGroupText(alice, 'proj', 'meeting notes attached'));
  await keep('lunch', sendGroupText(bob, 'proj', 'lunch after the meeting'));
  await keep('secret', sendGroupText(alice, 'proj', 'a secret meeting for carol', { receiverList: ['carol'] }));
  await keep('dave', sendText(carol, 'dave', 'meeting with dave'));
  const custom = alice.createCustomMessage({
    to: 'bob',
    conversationType: TYPES.CONV_C2C,
    payload: { data: '{"order":1}', description: 'order shipped', extension: '' },
  });
  await keep('custom', alice.sendMessage(custom));
});

afterAll(async () => {
  await destroyAll();
  await server.close();
});

test('all conversations: one entry per conversation with matches, the message itself only when it is the only one', async () => {
  const { data } = await alice.searchCloudMessages({ keywordList: ['meeting'] });
  expect(data.totalCount).toBe(2);
  expect(data.cursor).toBe('');
  expect(data.searchResultList.map((r) => [r.conversationID, r.messageCount, r.messageList.map((m) => m.ID)])).toEqual([
    ['GROUPproj', 3, []],
    ['C2Cbob', 1, [ids.bobMeeting]],
  ]);
  const [message] = data.searchResultList[1].messageList;
  expect(message).toMatchObject({
    from: 'bob',
    flow: 'in',
    conversationID: 'C2Cbob',
    payload: { text: 'Meeting at noon?' },
  });
});

test('one conversation: its matches, newest first, as the caller may see them (targeted messages only for their audience)', async () => {
  const forAlice = await alice.searchCloudMessages({ keywordList: ['MEETING'], conversationID: 'GROUPproj' });
  // alice sent the targeted message, so she is in its audience.
  expect(forAlice.data.totalCount).toBe(3);
  expect(forAlice.data.searchResultList).toHaveLength(1);
  expect(forAlice.data.searchResultList[0].messageList.map((m) => m.ID)).toEqual([ids.secret, ids.lunch, ids.notes]);
  const forCarol = await carol.searchCloudMessages({ keywordList: ['secret'], conversationID: 'GROUPproj' });
  expect(forCarol.data.searchResultList[0].messageList.map((m) => m.ID)).toEqual([ids.secret]);
  const forBob = await bob.searchCloudMessages({ keywordList: ['secret'], conversationID: 'GROUPproj' });
  expect(forBob.data).toEqual({ totalCount: 0, searchResultList: [], cursor: '' });
});

test('Chinese text is found by keywords of any length: 2 characters (LIKE) and 3 or more (trigram index)', async () => {
  for (const keyword of ['天气', '天气很好', '公园', '去公园吧', '天']) {
    const { data } = await bob.searchCloudMessages({ keywordList: [keyword], conversationID: 'C2Calice' });
    expect([keyword, data.searchResultList[0]?.messageList.map((m) => m.ID)]).toEqual([keyword, [ids.weather]]);
  }
  expect((await bob.searchCloudMessages({ keywordList: ['下雨'] })).data.totalCount).toBe(0);
});

test('keywords combine with or / and; senders, message types and a time range narrow the search', async () => {
  const or = await alice.searchCloudMessages({ keywordList: ['notes', 'lunch'], conversationID: 'GROUPproj' });
  expect(or.data.totalCount).toBe(2);
  const and = await alice.searchCloudMessages({
    keywordList: ['meeting', 'notes'],
    keywordListMatchType: TYPES.KEYWORD_LIST_MATCH_TYPE_AND,
    conversationID: 'GROUPproj',
  });
  expect(and.data.searchResultList[0].messageList.map((m) => m.ID)).toEqual([ids.notes]);

  const fromBob = await alice.searchCloudMessages({ senderUserIDList: ['bob'] });
  expect(fromBob.data.searchResultList.map((r) => [r.conversationID, r.messageCount])).toEqual([
    ['GROUPproj', 1],
    ['C2Cbob', 1],
  ]);

  const custom = await alice.searchCloudMessages({ keywordList: ['shipped'], messageTypeList: [TYPES.MSG_CUSTOM] });
  expect(custom.data.searchResultList[0].messageList.map((m) => m.ID)).toEqual([ids.custom]);
  const textOnly = await alice.searchCloudMessages({ keywordList: ['shipped'], messageTypeList: [TYPES.MSG_TEXT] });
  expect(textOnly.data.totalCount).toBe(0);

  const now = Math.floor(Date.now() / 1000);
  const lastHour = await alice.searchCloudMessages({ keywordList: ['meeting'], timePeriod: 3600 });
  expect(lastHour.data.totalCount).toBe(2);
  const before = await alice.searchCloudMessages({ keywordList: ['meeting'], timePosition: now - 3600 });
  expect(before.data.totalCount).toBe(0);
});

test('pages of 20 with a cursor; a message is searchable as soon as its send is answered', async () => {
  for (let i = 0; i < 25; i++) await sendText(dave, 'bob', `page item ${i}`);
  const first = await bob.searchCloudMessages({ keywordList: ['page item'], conversationID: 'C2Cdave' });
  expect(first.data.totalCount).toBe(25);
  expect(first.data.searchResultList[0].messageList).toHaveLength(20);
  expect(first.data.searchResultList[0].messageList[0].payload.text).toBe('page item 24');
  expect(first.data.cursor).not.toBe('');
  const second = await bob.searchCloudMessages({
    keywordList: ['page item'],
    conversationID: 'C2Cdave',
    cursor: first.data.cursor,
  });
  expect(second.data.searchResultList[0].messageList.map((m) => m.payload.text)).toEqual(
    [4, 3, 2, 1, 0].map((i) => `page item ${i}`),
  );
  expect(second.data.cursor).toBe('');
});

test("only the caller's conversations: another pair's chat, and a group after leaving it, are not searched", async () => {
  expect((await alice.searchCloudMessages({ keywordList: ['dave'] })).data.totalCount).toBe(0);
  await carol.quitGroup('proj');
  const { data } = await carol.searchCloudMessages({ keywordList: ['meeting'] });
  expect(data.searchResultList.map((r) => r.conversationID)).toEqual(['C2Cdave']);
});

test('refusals: nothing to search by, too many keywords or senders, a bad type or cursor (90003); a group not yours (10007 / 10010)', async () => {
  const cases: Array<[Record<string, unknown>, number, RegExp]> = [
    [{}, 90003, /at least one keyword, sender or message type/],
    [{ keywordList: [] }, 90003, /at least one keyword/],
    [{ keywordList: ['a', 'b', 'c', 'd', 'e', 'f'] }, 90003, /at most 5 keywords/],
    [{ keywordList: [''] }, 90003, /non-empty/],
    [{ senderUserIDList: ['a', 'b', 'c', 'd', 'e', 'f'] }, 90003, /at most 5 senders/],
    [{ messageTypeList: [TYPES.MSG_FACE] }, 90003, /message types of/],
    [{ keywordList: ['x'], keywordListMatchType: 'xor' }, 90003, /'or' or 'and'/],
    [{ keywordList: ['x'], timePeriod: -1 }, 90003, /whole number/],
    [{ keywordList: ['x'], conversationID: '@TIM#SYSTEM' }, 2106, /system/i],
    [{ keywordList: ['x'], cursor: 'bogus' }, 90003, /cursor/],
    [{ keywordList: ['x'], conversationID: 'GROUPproj' }, 10007, /not a member/],
    [{ keywordList: ['x'], conversationID: 'GROUPnowhere' }, 10010, /does not exist/],
  ];
  for (const [options, code, message] of cases)
    expect([options, await rejectionOf(dave.searchCloudMessages(options as never))]).toMatchObject([
      options,
      { code, message: expect.stringMatching(message) as unknown },
    ]);
});

test('what the caller deleted for themself or cleared is not found for them, and still is for the other side', async () => {
  const [erin, fred] = await Promise.all(['erin', 'fred'].map((id) => readyChat(server, id)));
  for (const text of ['kiwi one', 'kiwi two', 'kiwi three']) await sendText(fred, 'erin', text);
  const count = async (chat: Chat) => (await chat.searchCloudMessages({ keywordList: ['kiwi'] })).data.totalCount;
  const countIn = async (chat: Chat, conversationID: string) =>
    (await chat.searchCloudMessages({ keywordList: ['kiwi'], conversationID })).data.totalCount;
  const { messageList } = (await erin.getMessageList({ conversationID: 'C2Cfred' })).data;
  await erin.deleteMessage([messageList.find((m) => m.payload.text === 'kiwi two')!]);
  expect(await countIn(erin, 'C2Cfred')).toBe(2);
  expect(await countIn(fred, 'C2Cerin')).toBe(3);
  await erin.clearHistoryMessage('C2Cfred');
  expect(await countIn(erin, 'C2Cfred')).toBe(0);
  expect(await count(erin)).toBe(0);
  expect(await countIn(fred, 'C2Cerin')).toBe(3);
});
