import { conversationIDFor, parseConversationID } from '../../protocol/conversation-id';
import { messageBodyBytes, utf8Length } from '../../protocol/messages';

describe('utf8Length', () => {
  test.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['長', 3],
    ['😀', 4],
    ['a😀b', 6],
  ])('%j is %d bytes, as TextEncoder says', (text, bytes) => {
    expect(utf8Length(text)).toBe(bytes);
    expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });

  test('a lone surrogate counts as 3 bytes (TextEncoder writes U+FFFD)', () => {
    expect(utf8Length('\ud800')).toBe(3);
    expect(utf8Length('x\udc00')).toBe(new TextEncoder().encode('x\udc00').length);
  });
});

describe('messageBodyBytes', () => {
  test('counts the payload as JSON plus cloudCustomData', () => {
    expect(messageBodyBytes({ payload: { text: 'hi' }, cloudCustomData: '' })).toBe('{"text":"hi"}'.length);
    expect(messageBodyBytes({ payload: { text: '長' }, cloudCustomData: 'xy' })).toBe('{"text":""}'.length + 3 + 2);
  });

  test('escaped characters count as sent', () => {
    expect(messageBodyBytes({ payload: { text: '"\n' }, cloudCustomData: '' })).toBe(
      JSON.stringify({ text: '"\n' }).length,
    );
  });
});

describe('parseConversationID', () => {
  test.each([
    ['C2Cuser1', { type: 'C2C', target: 'user1' }],
    ['GROUPg1', { type: 'GROUP', target: 'g1' }],
    ['@TIM#SYSTEM', { type: '@TIM#SYSTEM', target: '' }],
    ['C2C', null],
    ['GROUP', null],
    ['user1', null],
    ['', null],
    ['c2cuser1', null],
  ])('%j → %j', (id, parsed) => {
    expect(parseConversationID(id)).toEqual(parsed);
  });
});

describe('conversationIDFor', () => {
  test('C2C is named after the other side, whoever sent', () => {
    expect(conversationIDFor({ conversationType: 'C2C', from: 'alice', to: 'bob' }, 'alice')).toBe('C2Cbob');
    expect(conversationIDFor({ conversationType: 'C2C', from: 'alice', to: 'bob' }, 'bob')).toBe('C2Calice');
  });

  test('GROUP is named after the group', () => {
    expect(conversationIDFor({ conversationType: 'GROUP', from: 'alice', to: 'g1' }, 'bob')).toBe('GROUPg1');
  });
});
