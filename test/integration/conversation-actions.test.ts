import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import TencentCloudChat from 'tidings';
import { ServerProcess } from '../helpers/server-process';
import {
  conversation,
  destroyAll,
  historyTexts,
  nextEvent,
  readyChat,
  rejectionOf,
  sendGroupText,
  sendText,
  until,
  type Chat,
} from '../helpers/sdk';

/**
 * The conversation actions through the real server: two devices of alice and her peer bob. Each
 * action is answered, shows on the other device (with CONVERSATION_LIST_UPDATED and, when the unread
 * total moves, TOTAL_UNREAD_MESSAGE_COUNT_UPDATED) and on a device that logs in later.
 */
const { TYPES, EVENT } = TencentCloudChat;
const NOT_LISTED = 2500;
const INVALID = 90003;
const SYSTEM = 2106;
const NOT_A_MEMBER = 10007;
const NO_SUCH_GROUP = 10010;

let server: ServerProcess;
let phone: Chat;
let laptop: Chat;
let bob: Chat;

beforeEach(async () => {
  server = await ServerProcess.start();
  [phone, laptop, bob] = await Promise.all([
    readyChat(server, 'alice'),
    readyChat(server, 'alice'),
    readyChat(server, 'bob'),
  ]);
  await bob.createGroup({ name: 'team', groupID: 'team', type: TYPES.GRP_WORK, memberList: [{ userID: 'alice' }] });
});

afterEach(async () => {
  await destroyAll();
  await server.close();
});

/** Polls until `check` stops throwing (a push is on its way), at most 5 s. */
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

async function ids(chat: Chat): Promise<string[]> {
  return (await chat.getConversationList()).data.conversationList.map((c) => c.conversationID);
}

/** bob says `text` to alice, and both her devices have it. */
async function bobSays(text: string): Promise<void> {
  const { data } = await sendText(bob, 'alice', text);
  for (const device of [phone, laptop])
    await eventually(async () =>
      expect((await conversation(device, 'C2Cbob'))?.lastMessage?.lastSequence).toBe(data.message.sequence),
    );
}

async function bobSaysInTeam(text: string): Promise<void> {
  const { data } = await sendGroupText(bob, 'team', text);
  for (const device of [phone, laptop])
    await eventually(async () =>
      expect((await conversation(device, 'GROUPteam'))?.lastMessage?.lastSequence).toBe(data.message.sequence),
    );
}

describe('pinConversation', () => {
  test('puts the conversation first with isPinned on every device of the user, and unpins it', async () => {
    await bobSays('hello');
    await bobSaysInTeam('team news');
    expect(await ids(phone)).toEqual(['GROUPteam', 'C2Cbob']);
    // Every list the laptop is told of: the push of 'team news' may still reach it after this point.
    const laptopLists: Array<Array<{ conversationID: string; isPinned: boolean }>> = [];
    laptop.on(EVENT.CONVERSATION_LIST_UPDATED, ({ data }) => laptopLists.push(data as (typeof laptopLists)[number]));
    expect(await phone.pinConversation({ conversationID: 'C2Cbob', isPinned: true })).toEqual({
      code: 0,
      data: { conversationID: 'C2Cbob' },
    });
    expect(await ids(phone)).toEqual(['C2Cbob', 'GROUPteam']);
    expect(await conversation(phone, 'C2Cbob')).toMatchObject({ isPinned: true });
    await until(() => laptopLists.some((list) => list[0]?.isPinned === true));
    const list = laptopLists.find((candidate) => candidate[0]?.isPinned === true)!;
    expect(list.map((c) => [c.conversationID, c.isPinned])).toEqual([
      ['C2Cbob', true],
      ['GROUPteam', false],
    ]);
    // A device that logs in later, and a message that arrives: still pinned first.
    await bobSaysInTeam('more news');
    const tablet = await readyChat(server, 'alice');
    expect(await ids(tablet)).toEqual(['C2Cbob', 'GROUPteam']);
    await phone.pinConversation({ conversationID: 'C2Cbob', isPinned: false });
    await eventually(async () => expect(await ids(laptop)).toEqual(['GROUPteam', 'C2Cbob']));
  });

  test.each([
    ['a conversation not in the list', { conversationID: 'C2Cnobody', isPinned: true }, NOT_LISTED],
    ['isPinned that is not a boolean', { conversationID: 'C2Cbob', isPinned: 'yes' }, INVALID],
    ['no conversationID', { isPinned: true }, INVALID],
    ['the system conversation', { conversationID: '@TIM#SYSTEM', isPinned: true }, SYSTEM],
  ])('refuses %s', async (_what, options, code) => {
    await bobSays('hello');
    const error = await rejectionOf(phone.pinConversation(options as never));
    expect(error.code).toBe(code);
    expect(error.message).not.toBe('');
    expect(await conversation(phone, 'C2Cbob')).toMatchObject({ isPinned: false });
  });
});

describe('deleteConversation', () => {
  test('without clearing history: gone from every device, back with the next message, history kept', async () => {
    await bobSays('one');
    await bobSays('two');
    expect(phone.getTotalUnreadMessageCount()).toBe(2);
    const total = nextEvent(laptop, EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED);
    expect(await phone.deleteConversation({ conversationIDList: ['C2Cbob'], clearHistoryMessage: false })).toEqual({
      code: 0,
      data: { conversationIDList: ['C2Cbob'] },
    });
    expect(await ids(phone)).toEqual([]);
    expect(await total).toBe(0);
    expect(await ids(laptop)).toEqual([]);
    expect(await ids(await readyChat(server, 'alice'))).toEqual([]);

    await bobSays('three');
    expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ unreadCount: 1 });
    expect(await historyTexts(phone, 'C2Cbob')).toEqual(['one', 'two', 'three']);
    expect(await ids(await readyChat(server, 'alice'))).toEqual(['C2Cbob']);
  });

  test('by ID (history cleared, the default): alice sees only what comes after; bob keeps everything', async () => {
    await bobSays('old secret');
    await phone.pinConversation({ conversationID: 'C2Cbob', isPinned: true });
    expect(await phone.deleteConversation('C2Cbob')).toEqual({ code: 0, data: { conversationID: 'C2Cbob' } });
    await eventually(async () => expect(await ids(laptop)).toEqual([]));
    expect(await historyTexts(phone, 'C2Cbob')).toEqual([]);
    await bobSays('new start');
    expect(await historyTexts(laptop, 'C2Cbob')).toEqual(['new start']);
    // Deleting dropped the pin with the conversation.
    expect(await conversation(phone, 'C2Cbob')).toMatchObject({ isPinned: false, unreadCount: 1 });
    expect(await historyTexts(bob, 'C2Calice')).toEqual(['old secret', 'new start']);
  });

  test.each([
    ['a conversation not in the list', { conversationIDList: ['C2Cbob', 'C2Cnobody'] }, NOT_LISTED],
    ['an empty list', { conversationIDList: [] }, INVALID],
    ['101 conversations', { conversationIDList: Array.from({ length: 101 }, (_, i) => `C2Cu${i}`) }, INVALID],
    ['clearHistoryMessage that is not a boolean', { conversationIDList: ['C2Cbob'], clearHistoryMessage: 1 }, INVALID],
  ])('refuses %s, and deletes nothing', async (_what, options, code) => {
    await bobSays('hello');
    expect((await rejectionOf(phone.deleteConversation(options as never))).code).toBe(code);
    expect(await ids(phone)).toEqual(['C2Cbob']);
    expect(await ids(await readyChat(server, 'alice'))).toEqual(['C2Cbob']);
  });
});

describe('clearHistoryMessage', () => {
  test('keeps the conversation, empties its history and last message for this user only', async () => {
    await bobSays('before');
    expect(await phone.clearHistoryMessage('C2Cbob')).toEqual({ code: 0, data: {} });
    expect(await conversation(phone, 'C2Cbob')).toMatchObject({ lastMessage: null, unreadCount: 0 });
    await eventually(async () => expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ lastMessage: null }));
    expect(await historyTexts(laptop, 'C2Cbob')).toEqual([]);
    expect(await historyTexts(bob, 'C2Calice')).toEqual(['before']);
    await bobSays('after');
    expect(await historyTexts(phone, 'C2Cbob')).toEqual(['after']);
  });

  test.each([
    ['a conversation not in the list', 'C2Cnobody', NOT_LISTED],
    ['a bad ID', 'nobody', INVALID],
  ])('refuses %s', async (_what, conversationID, code) => {
    expect((await rejectionOf(phone.clearHistoryMessage(conversationID))).code).toBe(code);
  });
});

describe('setConversationDraft', () => {
  test('keeps draftText on the server for every device; an empty draft clears it', async () => {
    await bobSays('hello');
    expect(await phone.setConversationDraft({ conversationID: 'C2Cbob', draftText: 'half a thought' })).toEqual({
      code: 0,
      data: {},
    });
    await eventually(async () =>
      expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ draftText: 'half a thought' }),
    );
    expect(await conversation(await readyChat(server, 'alice'), 'C2Cbob')).toMatchObject({
      draftText: 'half a thought',
    });
    await laptop.setConversationDraft({ conversationID: 'C2Cbob', draftText: '' });
    await eventually(async () => expect(await conversation(phone, 'C2Cbob')).toMatchObject({ draftText: '' }));
  });

  test.each([
    ['a conversation not in the list', { conversationID: 'C2Cnobody', draftText: 'x' }, NOT_LISTED],
    ['a draft over 8 KB', { conversationID: 'C2Cbob', draftText: 'x'.repeat(8 * 1024 + 1) }, INVALID],
    ['a draft that is not a string', { conversationID: 'C2Cbob', draftText: 5 }, INVALID],
  ])('refuses %s', async (_what, options, code) => {
    await bobSays('hello');
    expect((await rejectionOf(phone.setConversationDraft(options as never))).code).toBe(code);
    expect(await conversation(phone, 'C2Cbob')).toMatchObject({ draftText: '' });
  });
});

describe('setConversationCustomData', () => {
  test('keeps customData for every device of the user', async () => {
    await bobSays('hello');
    expect(await phone.setConversationCustomData({ conversationIDList: ['C2Cbob'], customData: '{"tag":1}' })).toEqual({
      code: 0,
      data: { successConversationIDList: ['C2Cbob'], failureConversationIDList: [] },
    });
    await eventually(async () =>
      expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ customData: '{"tag":1}' }),
    );
    expect(await conversation(await readyChat(server, 'alice'), 'C2Cbob')).toMatchObject({ customData: '{"tag":1}' });
  });

  test.each([
    ['a conversation not in the list', { conversationIDList: ['C2Cnobody'], customData: 'x' }, NOT_LISTED],
    ['customData over 256 bytes', { conversationIDList: ['C2Cbob'], customData: 'x'.repeat(257) }, INVALID],
  ])('refuses %s', async (_what, options, code) => {
    await bobSays('hello');
    expect((await rejectionOf(phone.setConversationCustomData(options as never))).code).toBe(code);
    expect(await conversation(phone, 'C2Cbob')).toMatchObject({ customData: '' });
  });
});

describe('markConversation', () => {
  test('sets and clears marks on every device; getConversationList filters by markType', async () => {
    await bobSays('hello');
    await bobSaysInTeam('team news');
    expect(
      await phone.markConversation({
        conversationIDList: ['C2Cbob', 'GROUPteam'],
        markType: TYPES.CONV_MARK_TYPE_STAR,
        enableMark: true,
      }),
    ).toEqual({ code: 0, data: { successConversationIDList: ['C2Cbob', 'GROUPteam'], failureConversationIDList: [] } });
    await phone.markConversation({
      conversationIDList: ['C2Cbob'],
      markType: TYPES.CONV_MARK_TYPE_FOLD,
      enableMark: true,
    });
    await eventually(async () =>
      expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ markList: [TYPES.CONV_MARK_TYPE_STAR, 4] }),
    );
    const folded = await laptop.getConversationList({ markType: TYPES.CONV_MARK_TYPE_FOLD });
    expect(folded.data.conversationList.map((c) => c.conversationID)).toEqual(['C2Cbob']);
    await laptop.markConversation({
      conversationIDList: ['C2Cbob'],
      markType: TYPES.CONV_MARK_TYPE_STAR,
      enableMark: false,
    });
    await eventually(async () => expect(await conversation(phone, 'C2Cbob')).toMatchObject({ markList: [4] }));
  });

  test.each([
    [
      'a conversation not in the list',
      { conversationIDList: ['C2Cnobody'], markType: 1, enableMark: true },
      NOT_LISTED,
    ],
    [
      'a markType that is no CONV_MARK_TYPE',
      { conversationIDList: ['C2Cbob'], markType: 3, enableMark: true },
      INVALID,
    ],
    ['enableMark missing', { conversationIDList: ['C2Cbob'], markType: 1 }, INVALID],
  ])('refuses %s', async (_what, options, code) => {
    await bobSays('hello');
    expect((await rejectionOf(phone.markConversation(options as never))).code).toBe(code);
    expect(await conversation(phone, 'C2Cbob')).toMatchObject({ markList: [] });
  });
});

describe('setMessageRemindType', () => {
  test('mutes a C2C chat and a group on every device; muted messages still count as unread', async () => {
    await bobSays('hello');
    expect(
      await phone.setMessageRemindType({ userIDList: ['bob'], messageRemindType: TYPES.MSG_REMIND_ACPT_NOT_NOTE }),
    ).toEqual({ code: 0, data: { successUserIDList: [{ userID: 'bob' }], failureUserIDList: [] } });
    await phone.setMessageRemindType({ groupID: 'team', messageRemindType: TYPES.MSG_REMIND_DISCARD });
    await eventually(async () =>
      expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ messageRemindType: 'AcceptNotNotify' }),
    );
    await bobSays('still unread');
    expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ unreadCount: 2 });
    await bobSaysInTeam('in the group');
    expect(await conversation(await readyChat(server, 'alice'), 'GROUPteam')).toMatchObject({
      messageRemindType: 'Discard',
      unreadCount: 1,
    });
  });

  test.each([
    ['a group the caller is not in', { groupID: 'team', messageRemindType: 'AcceptNotNotify' }, NOT_A_MEMBER, 'carol'],
    [
      'a group that does not exist',
      { groupID: 'nowhere', messageRemindType: 'AcceptNotNotify' },
      NO_SUCH_GROUP,
      'alice',
    ],
    ['an unknown remind type', { userIDList: ['bob'], messageRemindType: 'Loud' }, INVALID, 'alice'],
    ['no userIDList nor groupID', { messageRemindType: 'AcceptNotNotify' }, INVALID, 'alice'],
  ])('refuses %s', async (_what, options, code, userID) => {
    const chat = userID === 'alice' ? phone : await readyChat(server, userID);
    expect((await rejectionOf(chat.setMessageRemindType(options as never))).code).toBe(code);
  });
});

describe('setAllMessageRead', () => {
  test('reads C2C chats, then everything, on every device; the peer learns it', async () => {
    await bobSays('one');
    await bobSaysInTeam('two');
    expect(phone.getTotalUnreadMessageCount()).toBe(2);
    const peerRead = nextEvent(bob, EVENT.MESSAGE_READ_BY_PEER);
    expect(await phone.setAllMessageRead({ scope: TYPES.READ_ALL_C2C_MSG })).toEqual({ code: 0, data: {} });
    expect(phone.getTotalUnreadMessageCount()).toBe(1);
    await eventually(async () => expect(laptop.getTotalUnreadMessageCount()).toBe(1));
    await peerRead;
    const total = nextEvent(laptop, EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED);
    await phone.setAllMessageRead();
    expect(await total).toBe(0);
    expect(await conversation(await readyChat(server, 'alice'), 'GROUPteam')).toMatchObject({ unreadCount: 0 });
  });

  test('refuses an unknown scope (90003)', async () => {
    expect((await rejectionOf(phone.setAllMessageRead({ scope: 'everything' as never }))).code).toBe(INVALID);
  });
});

describe('setMessageRead', () => {
  test("clears the unread count on the user's other devices too", async () => {
    await bobSays('hello');
    const total = nextEvent(laptop, EVENT.TOTAL_UNREAD_MESSAGE_COUNT_UPDATED);
    await phone.setMessageRead({ conversationID: 'C2Cbob' });
    expect(await total).toBe(0);
    expect(await conversation(laptop, 'C2Cbob')).toMatchObject({ unreadCount: 0 });
  });
});

describe('getConversationList and getConversationProfile', () => {
  test('filter by IDs, type, unread and @ info; a profile of a listed and of a new conversation', async () => {
    await bobSays('hello');
    const at = bob.createTextAtMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: '@alice look', atUserList: ['alice'] },
    });
    await bob.sendMessage(at);
    await eventually(async () => expect(await conversation(phone, 'GROUPteam')).toMatchObject({ unreadCount: 1 }));
    const listed = async (options: Parameters<Chat['getConversationList']>[0]) =>
      (await phone.getConversationList(options)).data.conversationList.map((c) => c.conversationID);
    expect(await listed(['C2Cbob', 'C2Cnobody'])).toEqual(['C2Cbob']);
    expect(await listed({ type: TYPES.CONV_GROUP })).toEqual(['GROUPteam']);
    expect(await listed({ hasGroupAtInfo: true })).toEqual(['GROUPteam']);
    await phone.setMessageRead({ conversationID: 'C2Cbob' });
    expect(await listed({ hasUnreadCount: true })).toEqual(['GROUPteam']);
    expect(await listed({ groupName: 'work' })).toEqual([]);
    expect((await rejectionOf(phone.getConversationList({ hasUnreadCount: 'yes' } as never))).code).toBe(INVALID);
    expect((await rejectionOf(phone.getConversationList(['nobody']))).code).toBe(INVALID);
    expect((await rejectionOf(phone.getConversationList('C2Cbob' as never))).code).toBe(INVALID);

    const { data } = await phone.getConversationProfile('C2Cbob');
    expect(data.conversation).toMatchObject({ conversationID: 'C2Cbob', lastMessage: { messageForShow: 'hello' } });
    expect((await phone.getConversationProfile('C2Ccarol')).data.conversation).toMatchObject({
      conversationID: 'C2Ccarol',
      type: 'C2C',
      unreadCount: 0,
      lastMessage: null,
      userProfile: { userID: 'carol' },
      isPinned: false,
    });
    expect((await rejectionOf(phone.getConversationProfile('carol'))).code).toBe(INVALID);
  });
});

describe('offline push and do-not-disturb', () => {
  let receiver: Server;
  let pushedTo: string[];

  beforeEach(async () => {
    pushedTo = [];
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const post = JSON.parse(body) as { userID: string; message: { payload: { text: string } } };
        pushedTo.push(`${post.userID}:${post.message.payload.text}`);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    await destroyAll();
    await server.close();
    const { port } = receiver.address() as AddressInfo;
    server = await ServerProcess.start({ settings: { pushWebhookURL: `http://127.0.0.1:${port}/push` } });
  });

  afterEach(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  test('an offline user who muted the chat or the group is not pushed (AcceptNotNotify, Discard); unmuting pushes again', async () => {
    const alice = await readyChat(server, 'alice');
    await alice.createGroup({ name: 'g', groupID: 'g', memberList: [{ userID: 'carol' }, { userID: 'dave' }] });
    const carol = await readyChat(server, 'carol');
    await carol.setMessageRemindType({ groupID: 'g', messageRemindType: TYPES.MSG_REMIND_ACPT_NOT_NOTE });
    await carol.setMessageRemindType({ userIDList: ['alice'], messageRemindType: TYPES.MSG_REMIND_DISCARD });
    await carol.destroy();

    await sendGroupText(alice, 'g', 'group news');
    await sendText(alice, 'carol', 'c2c to carol');
    await sendText(alice, 'dave', 'c2c to dave');
    await eventually(async () => expect(pushedTo.sort()).toEqual(['dave:c2c to dave', 'dave:group news']));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pushedTo).toHaveLength(2);

    // Muted is still delivered and unread.
    const carolAgain = await readyChat(server, 'carol');
    expect(await conversation(carolAgain, 'GROUPg')).toMatchObject({ unreadCount: 1 });
    await carolAgain.setMessageRemindType({ userIDList: ['alice'], messageRemindType: TYPES.MSG_REMIND_ACPT_AND_NOTE });
    await carolAgain.destroy();
    // Pushed only once the server has seen carol go: her socket's close may still be on its way.
    await eventually(async () =>
      expect((await alice.getUserStatus({ userIDList: ['carol'] })).data.successUserList[0]).toMatchObject({
        statusType: TYPES.USER_STATUS_OFFLINE,
      }),
    );
    await sendText(alice, 'carol', 'loud again');
    await eventually(async () => expect(pushedTo).toContain('carol:loud again'));
  });
});
