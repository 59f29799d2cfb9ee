import { ConversationCache, effectsOf } from '../../plugin/conversations';
import { Message } from '../../plugin/message';
import type { WireMessage } from '../../protocol/messages';
import type { WireConversation } from '../../protocol/operations';
import { wireText } from '../helpers/wire-message';

const asBob = (overrides: Partial<WireMessage> = {}) => Message.fromWire(wireText(overrides), 'bob');

describe('ConversationCache', () => {
  test('an incoming message creates the conversation with one unread and the reference lastMessage shape', () => {
    const cache = new ConversationCache();
    expect(cache.addMessage(asBob({ cloudCustomData: 'cd' }))).toEqual({ listChanged: true, totalChanged: true });
    expect(cache.list()).toEqual([
      {
        conversationID: 'C2Calice',
        type: 'C2C',
        unreadCount: 1,
        lastMessage: {
          lastTime: 1000,
          lastSequence: 1,
          fromAccount: 'alice',
          type: 'TIMTextElem',
          payload: { text: 'hi' },
          messageForShow: 'hi',
          cloudCustomData: 'cd',
          isRevoked: false,
          isPeerRead: false,
        },
        userProfile: { userID: 'alice', nick: '', avatar: '' },
        isPinned: false,
        messageRemindType: 'AcceptAndNotify',
        markList: [],
        draftText: '',
        customData: '',
        conversationGroupList: [],
      },
    ]);
    expect(cache.totalUnread()).toBe(1);
  });

  test('own messages (flow out) update lastMessage but not unread', () => {
    const cache = new ConversationCache();
    const own = Message.fromWire(wireText({ from: 'bob', to: 'alice' }), 'bob');
    expect(cache.addMessage(own)).toEqual({ listChanged: true, totalChanged: false });
    expect(cache.list()[0]).toMatchObject({ conversationID: 'C2Calice', unreadCount: 0 });
  });

  test('a message older than the last one (a gap filled late) counts as unread, and keeps the newer lastMessage', () => {
    const cache = new ConversationCache();
    cache.addMessage(asBob({ sequence: 1 }));
    cache.addMessage(asBob({ sequence: 4, payload: { text: 'newest' } }));
    expect(cache.addMessage(asBob({ sequence: 3 }))).toEqual({ listChanged: true, totalChanged: true });
    cache.addMessage(asBob({ sequence: 2 }));
    expect(cache.list()[0]).toMatchObject({
      unreadCount: 4,
      lastMessage: { lastSequence: 4, messageForShow: 'newest' },
    });
  });

  test('newest first; within the same second, the one that changed last comes first', () => {
    const cache = new ConversationCache();
    cache.addMessage(asBob({ from: 'alice', sequence: 2, time: 1000 }));
    cache.addMessage(asBob({ from: 'carol', sequence: 1, time: 1000 }));
    cache.addMessage(asBob({ from: 'dave', sequence: 1, time: 999 }));
    expect(cache.list().map((c) => c.conversationID)).toEqual(['C2Ccarol', 'C2Calice', 'C2Cdave']);
  });

  test('load() replaces the list and reports what changed', () => {
    const cache = new ConversationCache();
    const list: WireConversation[] = [
      { conversationID: 'C2Calice', type: 'C2C', unreadCount: 2, lastMessage: wireText({ time: 5 }) },
      { conversationID: 'C2Ccarol', type: 'C2C', unreadCount: 0, lastMessage: null },
    ];
    expect(cache.load(list)).toEqual({ listChanged: true, totalChanged: true });
    expect(cache.load(list)).toEqual({ listChanged: false, totalChanged: false });
    expect(cache.list().map((c) => [c.conversationID, c.unreadCount, c.lastMessage?.lastTime ?? null])).toEqual([
      ['C2Calice', 2, 5],
      ['C2Ccarol', 0, null],
    ]);
    expect(cache.totalUnread()).toBe(2);
  });

  test('markRead zeroes one conversation', () => {
    const cache = new ConversationCache();
    cache.addMessage(asBob({ from: 'alice' }));
    cache.addMessage(asBob({ from: 'carol' }));
    expect(cache.markRead('C2Calice')).toEqual({ listChanged: true, totalChanged: true });
    expect(cache.markRead('C2Calice')).toEqual({ listChanged: false, totalChanged: false });
    expect(cache.markRead('C2Cnobody')).toEqual({ listChanged: false, totalChanged: false });
    expect(cache.totalUnread()).toBe(1);
  });

  test('list() returns copies: changing them does not change the cache', () => {
    const cache = new ConversationCache();
    cache.addMessage(asBob());
    const [conversation] = cache.list();
    conversation.unreadCount = 99;
    conversation.lastMessage!.payload.text = 'changed';
    expect(cache.list()[0]).toMatchObject({ unreadCount: 1, lastMessage: { payload: { text: 'hi' } } });
  });
});

describe('effectsOf: what a message may change in its conversation', () => {
  const group = (overrides: Partial<WireMessage> = {}) =>
    wireText({ conversationType: 'GROUP', to: 'team', ...overrides });

  test.each([
    ['a plain message', wireText(), { countsUnread: true, updatesLastMessage: true }],
    [
      'onlineUserOnly',
      wireText({ onlineUserOnly: true, sequence: 0 }),
      { countsUnread: false, updatesLastMessage: false },
    ],
    [
      'dropped by the group limit (sequence 0)',
      group({ sequence: 0 }),
      { countsUnread: false, updatesLastMessage: false },
    ],
    ['targeted', group({ receiverList: ['bob'] }), { countsUnread: false, updatesLastMessage: true }],
    [
      'excludedFromUnreadCount',
      wireText({ messageControlInfo: { excludedFromUnreadCount: true } }),
      { countsUnread: false, updatesLastMessage: true },
    ],
    [
      'excludedFromLastMessage',
      wireText({ messageControlInfo: { excludedFromLastMessage: true } }),
      { countsUnread: true, updatesLastMessage: false },
    ],
    ['@bob', group({ atUserList: ['bob'] }), { countsUnread: true, updatesLastMessage: true, atType: 1 }],
    [
      '@all',
      group({ atUserList: ['__kImSDK_MesssageAtALL__'] }),
      { countsUnread: true, updatesLastMessage: true, atType: 2 },
    ],
    [
      '@all and @bob',
      group({ atUserList: ['bob', '__kImSDK_MesssageAtALL__'] }),
      { countsUnread: true, updatesLastMessage: true, atType: 3 },
    ],
    ['@carol', group({ atUserList: ['carol'] }), { countsUnread: true, updatesLastMessage: true }],
  ])('%s', (_name, message, effects) => {
    expect(effectsOf(message, 'bob')).toEqual(effects);
  });

  test('an @ message adds to groupAtInfoList; reading clears it; a message excluded from lastMessage keeps the old one', () => {
    const cache = new ConversationCache();
    const first = group({ sequence: 1, payload: { text: 'first' } });
    cache.addMessage(Message.fromWire(first, 'bob'), effectsOf(first, 'bob'));
    const at = group({ sequence: 2, atUserList: ['bob'], messageControlInfo: { excludedFromLastMessage: true } });
    cache.addMessage(Message.fromWire(at, 'bob'), effectsOf(at, 'bob'));
    const [conversation] = cache.list();
    expect(conversation).toMatchObject({
      conversationID: 'GROUPteam',
      unreadCount: 2,
      lastMessage: { payload: { text: 'first' } },
      groupProfile: { groupID: 'team' },
    });
    expect(conversation.groupAtInfoList).toEqual([
      { from: 'alice', groupID: 'team', messageSequence: 2, atTypeArray: [1] },
    ]);
    cache.markRead('GROUPteam');
    expect(cache.list()[0]).toMatchObject({ unreadCount: 0, groupAtInfoList: [] });
  });

  test('a reloaded list drops conversations it lacks, except one a message reached after the list was asked for', () => {
    const cache = new ConversationCache();
    cache.addMessage(asBob({ from: 'dave', sequence: 3 }));
    const requestedAt = cache.changeCount();
    cache.addMessage(asBob({ from: 'erin', sequence: 1 }));
    cache.load([], requestedAt);
    expect(cache.list().map((c) => c.conversationID)).toEqual(['C2Cerin']);
    expect(cache.totalUnread()).toBe(1);
  });
});
