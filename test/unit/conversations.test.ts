import { ConversationCache } from '../../plugin/conversations';
import { Message } from '../../plugin/message';
import type { WireConversation, WireMessage } from '../../plugin/protocol';

function wire(overrides: Partial<WireMessage> = {}): WireMessage {
  return {
    ID: `id-${Math.random()}`,
    type: 'TIMTextElem',
    conversationType: 'C2C',
    to: 'bob',
    from: 'alice',
    payload: { text: 'hi' },
    priority: 'Normal',
    cloudCustomData: '',
    needReadReceipt: false,
    isSupportExtension: false,
    time: 1000,
    sequence: 1,
    ...overrides,
  };
}

const asBob = (overrides: Partial<WireMessage> = {}) => Message.fromWire(wire(overrides), 'bob');

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
      },
    ]);
    expect(cache.totalUnread()).toBe(1);
  });

  test('own messages (flow out) update lastMessage but not unread', () => {
    const cache = new ConversationCache();
    const own = Message.fromWire(wire({ from: 'bob', to: 'alice' }), 'bob');
    expect(cache.addMessage(own)).toEqual({ listChanged: true, totalChanged: false });
    expect(cache.list()[0]).toMatchObject({ conversationID: 'C2Calice', unreadCount: 0 });
  });

  test('a repeated or older message changes nothing', () => {
    const cache = new ConversationCache();
    cache.addMessage(asBob({ sequence: 2 }));
    expect(cache.addMessage(asBob({ sequence: 2 }))).toEqual({ listChanged: false, totalChanged: false });
    expect(cache.addMessage(asBob({ sequence: 1 }))).toEqual({ listChanged: false, totalChanged: false });
    expect(cache.totalUnread()).toBe(1);
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
      { conversationID: 'C2Calice', type: 'C2C', unreadCount: 2, lastMessage: wire({ time: 5 }) },
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
    conversation!.unreadCount = 99;
    conversation!.lastMessage!.payload.text = 'changed';
    expect(cache.list()[0]).toMatchObject({ unreadCount: 1, lastMessage: { payload: { text: 'hi' } } });
  });
});
