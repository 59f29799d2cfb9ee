import { bubbleView } from '../../components/shared/bubble-view';
import type { ChatMessage } from '../../components/shared/message';
import { messageActions, reEditText, REVOKE_SECONDS } from '../../components/shared/message-actions';
import { quoteOf } from '../../components/shared/quote-view';
import { addsReaction, reactionChips, toggledReactions } from '../../components/shared/reactions';

/** The rules of the long-press menu, the revoked line, quotes, reactions and read marks (both twins render these). */
const NOW = 1_800_000_000;
const message = (fields: Partial<ChatMessage>): ChatMessage => ({
  ID: 'm1',
  type: 'TIMTextElem',
  payload: { text: 'hello' },
  conversationID: 'C2Cbob',
  conversationType: 'C2C',
  to: 'bob',
  from: 'bob',
  flow: 'in',
  time: NOW - 10,
  status: 'success',
  isRevoked: false,
  nick: '',
  avatar: '',
  atUserList: [],
  ...fields,
});
const viewer = { selfUserID: 'me', nowSeconds: NOW, revokeSeconds: REVOKE_SECONDS, groupManager: false };
const mine = { from: 'me', flow: 'out', to: 'bob' } as const;

describe('long-press menu', () => {
  test("someone else's text: copy, quote, react, delete; no recall", () => {
    expect(messageActions(message({}), viewer)).toEqual(['copy', 'quote', 'react', 'delete']);
  });

  test("one's own message: recall within the limit (2 minutes by default), not after", () => {
    expect(messageActions(message({ ...mine, time: NOW - 120 }), viewer)).toEqual([
      'copy',
      'quote',
      'react',
      'revoke',
      'delete',
    ]);
    expect(messageActions(message({ ...mine, time: NOW - 121 }), viewer)).not.toContain('revoke');
    expect(messageActions(message({ ...mine, time: NOW - 500 }), { ...viewer, revokeSeconds: 600 })).toContain(
      'revoke',
    );
  });

  test("a group owner or admin may recall anyone's group message at any time; not in C2C", () => {
    const manager = { ...viewer, groupManager: true };
    const old = message({ conversationID: 'GROUPg', conversationType: 'GROUP', to: 'g', time: NOW - 86400 });
    expect(messageActions(old, manager)).toContain('revoke');
    expect(messageActions(old, viewer)).not.toContain('revoke');
    expect(messageActions(message({ time: NOW - 5 }), manager)).not.toContain('revoke');
  });

  test('copy only for text; sending: only copy; failed: copy and delete; tips and recalled messages: no menu', () => {
    expect(messageActions(message({ type: 'TIMImageElem', payload: {} }), viewer)).toEqual([
      'quote',
      'react',
      'delete',
    ]);
    expect(messageActions(message({ ...mine, status: 'unSend' }), viewer)).toEqual(['copy']);
    expect(messageActions(message({ ...mine, status: 'fail' }), viewer)).toEqual(['copy', 'delete']);
    expect(messageActions(message({ type: 'TIMGroupTipElem', payload: {} }), viewer)).toEqual([]);
    expect(messageActions(message({ isRevoked: true }), viewer)).toEqual([]);
  });
});

describe('the revoked line', () => {
  test("one's own recalled text offers re-edit with its text; others, and other types, do not", () => {
    const own = message({ ...mine, isRevoked: true, payload: { text: 'oops' } });
    expect(reEditText(own, 'me')).toBe('oops');
    expect(bubbleView(own, 'me', 'zh')).toMatchObject({ kind: 'revoked', notice: '你 撤回了一条消息', reEdit: 'oops' });
    expect(reEditText(message({ isRevoked: true }), 'me')).toBe('');
    expect(reEditText(message({ ...mine, isRevoked: true, type: 'TIMImageElem' }), 'me')).toBe('');
    expect(bubbleView(message({ isRevoked: true, nick: 'Bob' }), 'me', 'en')).not.toHaveProperty('reEdit');
  });

  test('a recall by a group admin names the admin; by the viewer, "you"', () => {
    const group = { conversationType: 'GROUP', conversationID: 'GROUPg', nick: 'Bob', isRevoked: true } as const;
    expect(bubbleView(message({ ...group, revoker: 'admin' }), 'me', 'en').notice).toBe('admin recalled a message');
    expect(bubbleView(message({ ...group, revoker: 'me' }), 'me', 'en').notice).toBe('You recalled a message');
    expect(bubbleView(message({ ...group, revoker: 'bob' }), 'me', 'en').notice).toBe('Bob recalled a message');
  });
});

describe('avatar, nick, quote and read state', () => {
  test('the avatar when there is one, else the initial of the nick (or the userID)', () => {
    expect(bubbleView(message({ avatar: 'https://a.example/b.png', nick: 'Bob' }), 'me', 'en')).toMatchObject({
      avatar: 'https://a.example/b.png',
      name: 'Bob',
    });
    expect(bubbleView(message({ nick: 'zoe' }), 'me', 'en')).toMatchObject({ avatar: '', initial: 'Z' });
    expect(bubbleView(message({}), 'me', 'en')).toMatchObject({ name: 'bob', initial: 'B' });
  });

  test("a quote reply shows TUIKit's cloudCustomData.messageReply; anything else shows no quote", () => {
    const messageReply = {
      messageID: 'q1',
      messageAbstract: 'the original',
      messageSender: 'Alice',
      messageType: 1,
      version: 1,
    };
    const quoted = message({ cloudCustomData: JSON.stringify({ messageReply }) });
    expect(bubbleView(quoted, 'me', 'en').quote).toEqual({
      messageID: 'q1',
      sender: 'Alice',
      abstract: 'the original',
    });
    expect(quoteOf('{"messageReply": 3}')).toBeNull();
    expect(quoteOf('not json messageReply')).toBeNull();
    expect(quoteOf(undefined)).toBeNull();
    expect(bubbleView(message({ cloudCustomData: '{"other":1}' }), 'me', 'en')).not.toHaveProperty('quote');
  });

  test("read or unread only on one's own sent C2C messages", () => {
    expect(bubbleView(message({ ...mine, isPeerRead: true }), 'me', 'en').read).toBe('read');
    expect(bubbleView(message({ ...mine, isPeerRead: false }), 'me', 'en').read).toBe('unread');
    expect(bubbleView(message({ ...mine, status: 'unSend' }), 'me', 'en')).not.toHaveProperty('read');
    expect(bubbleView(message({ isPeerRead: true }), 'me', 'en')).not.toHaveProperty('read');
    const group = message({ ...mine, conversationType: 'GROUP', conversationID: 'GROUPg' });
    expect(bubbleView(group, 'me', 'en')).not.toHaveProperty('read');
  });
});

describe('reactions', () => {
  const reactions = [
    { reactionID: '👍', totalUserCount: 2, reactedByMyself: true },
    { reactionID: '😂', totalUserCount: 1, reactedByMyself: false },
  ];

  test('chips in the given order; empty or malformed reactions are left out', () => {
    expect(reactionChips([...reactions, { reactionID: '🎉', totalUserCount: 0 }, { totalUserCount: 3 }, null])).toEqual(
      [
        { id: '👍', count: 2, mine: true },
        { id: '😂', count: 1, mine: false },
      ],
    );
    expect(reactionChips(null)).toEqual([]);
  });

  test("a tap adds the viewer's reaction, a second tap removes it; the last one gone drops the chip", () => {
    expect(addsReaction(reactions, '😂')).toBe(true);
    expect(addsReaction(reactions, '👍')).toBe(false);
    expect(toggledReactions(reactions, '😂', true)[1]).toEqual({
      reactionID: '😂',
      totalUserCount: 2,
      reactedByMyself: true,
    });
    expect(toggledReactions(reactions, '🎉', true)[2]).toEqual({
      reactionID: '🎉',
      totalUserCount: 1,
      reactedByMyself: true,
    });
    const removed = toggledReactions([{ reactionID: '👍', totalUserCount: 1, reactedByMyself: true }], '👍', false);
    expect(removed).toEqual([]);
  });
});
