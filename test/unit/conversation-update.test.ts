import { ConversationCache } from '../../plugin/conversations';
import { Message } from '../../plugin/message';
import type { WireConversation } from '../../protocol/operations';
import { wireText } from '../helpers/wire-message';

const listed = (conversationID: string, time: number, extra: Partial<WireConversation> = {}): WireConversation => ({
  conversationID,
  type: 'C2C',
  unreadCount: 1,
  lastMessage: wireText({ time, from: conversationID.slice(3), to: 'me' }),
  lastSequence: 1,
  ...extra,
});

const ids = (cache: ConversationCache) => cache.list().map((c) => c.conversationID);

describe('ConversationCache.applyUpdate (a conversation action on this or another device)', () => {
  test('pinned conversations come first, each group newest first', () => {
    const cache = new ConversationCache();
    cache.load([listed('C2Ca', 3), listed('C2Cb', 2), listed('C2Cc', 1)]);
    expect(ids(cache)).toEqual(['C2Ca', 'C2Cb', 'C2Cc']);
    const change = cache.applyUpdate([listed('C2Cc', 1, { isPinned: true })], []);
    expect(change).toEqual({ listChanged: true, totalChanged: false });
    expect(ids(cache)).toEqual(['C2Cc', 'C2Ca', 'C2Cb']);
    cache.applyUpdate([listed('C2Cb', 2, { isPinned: true })], []);
    expect(ids(cache)).toEqual(['C2Cb', 'C2Cc', 'C2Ca']);
  });

  test('takes the settings and the unread count, drops deleted conversations, and says what changed', () => {
    const cache = new ConversationCache();
    cache.load([listed('C2Ca', 2), listed('C2Cb', 1)]);
    const update = listed('C2Ca', 2, {
      unreadCount: 0,
      messageRemindType: 'AcceptNotNotify',
      markList: [1, 4],
      draftText: 'later',
    });
    expect(cache.applyUpdate([update], ['C2Cb'])).toEqual({ listChanged: true, totalChanged: true });
    expect(cache.list()).toEqual([
      expect.objectContaining({
        conversationID: 'C2Ca',
        unreadCount: 0,
        isPinned: false,
        messageRemindType: 'AcceptNotNotify',
        markList: [1, 4],
        draftText: 'later',
      }),
    ]);
    expect(cache.applyUpdate([update], ['C2Cb'])).toEqual({ listChanged: false, totalChanged: false });
  });

  test('a conversation a push carried past the update keeps its messages and unread count, and takes the settings', () => {
    const cache = new ConversationCache();
    cache.load([listed('C2Ca', 1)]);
    cache.addMessage(Message.fromWire(wireText({ from: 'a', to: 'me', sequence: 2, time: 5 }), 'me'));
    cache.applyUpdate([listed('C2Ca', 1, { unreadCount: 0, isPinned: true })], [], () => true);
    expect(cache.get('C2Ca')).toMatchObject({ unreadCount: 2, isPinned: true, lastMessage: { lastSequence: 2 } });
  });

  test('a deleted conversation comes back with the next message, as a new one', () => {
    const cache = new ConversationCache();
    cache.load([listed('C2Ca', 1, { isPinned: true, draftText: 'x' })]);
    cache.applyUpdate([], ['C2Ca']);
    expect(cache.list()).toEqual([]);
    cache.addMessage(Message.fromWire(wireText({ from: 'a', to: 'me', sequence: 2, time: 5 }), 'me'));
    expect(cache.get('C2Ca')).toMatchObject({ unreadCount: 1, isPinned: false, draftText: '' });
  });

  test('the list it presents is a copy', () => {
    const cache = new ConversationCache();
    cache.load([listed('C2Ca', 1, { markList: [1] })]);
    cache.list()[0].markList.push(8);
    expect(cache.get('C2Ca')?.markList).toEqual([1]);
  });
});
