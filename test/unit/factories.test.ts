import { TYPES } from '../../protocol/constants';
import { ChatError } from '../../protocol/errors';
import { createTextMessage, type FactoryContext, type TextMessageOptions } from '../../plugin/factories';
import { Message } from '../../plugin/message';
import { createMessageIDFactory } from '../../plugin/message-id';
import { MESSAGE_ID_PATTERN } from '../../protocol/limits';

const context = (): FactoryContext => ({
  from: 'alice',
  now: () => 1_700_000_000,
  newID: createMessageIDFactory(),
  describeFile: () => null,
});
const valid = { to: 'bob', conversationType: TYPES.CONV_C2C, payload: { text: 'Hello world!' } };

function thrown(options: unknown): ChatError {
  try {
    createTextMessage(options as TextMessageOptions, context());
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return error as ChatError;
  }
  throw new Error('expected createTextMessage to throw');
}

describe('createTextMessage', () => {
  test("the reference's first example gives an unsent outgoing Message with the defaults", () => {
    const message = createTextMessage({ ...valid, needReadReceipt: true }, context());
    expect(message).toBeInstanceOf(Message);
    expect(message).toMatchObject({
      type: TYPES.MSG_TEXT,
      payload: { text: 'Hello world!' },
      to: 'bob',
      from: 'alice',
      conversationType: 'C2C',
      conversationID: 'C2Cbob',
      flow: 'out',
      status: 'unSend',
      time: 1_700_000_000,
      priority: TYPES.MSG_PRIORITY_NORMAL,
      cloudCustomData: '',
      needReadReceipt: true,
      isSupportExtension: false,
      isRevoked: false,
      isPeerRead: false,
      isDeleted: false,
      isModified: false,
      hasRiskContent: false,
      nick: '',
      avatar: '',
      nameCard: '',
      atUserList: [],
      readReceiptInfo: { readCount: 0, unreadCount: 0 },
      sequence: 0,
    });
    expect(message.ID).toMatch(MESSAGE_ID_PATTERN);
  });

  test('a group message keeps its receiverList and the group conversationID', () => {
    const message = createTextMessage(
      { to: 'group1', conversationType: TYPES.CONV_GROUP, payload: { text: 'hi' }, receiverList: ['user0', 'user1'] },
      context(),
    );
    expect(message.conversationID).toBe('GROUPgroup1');
    expect(message.receiverList).toEqual(['user0', 'user1']);
  });

  test('before login, from is empty', () => {
    expect(createTextMessage(valid, { ...context(), from: '' }).from).toBe('');
  });

  test('the payload is copied, so changing the caller object later does not change the message', () => {
    const payload = { text: 'before' };
    const message = createTextMessage({ ...valid, payload }, context());
    payload.text = 'after';
    expect(message.payload.text).toBe('before');
  });

  test.each([
    ['no options', undefined, /options/],
    ['options as a string', 'bob', /options/],
    ['options as an array', [], /options/],
    ['no to', { ...valid, to: undefined }, /^to must be a non-empty string/],
    ['an empty to', { ...valid, to: '' }, /^to must be/],
    ['to as a number', { ...valid, to: 7 }, /^to must be.*number 7/],
    ['to as an object', { ...valid, to: {} }, /^to must be.*an object/],
    ['to as an array', { ...valid, to: ['bob'] }, /^to must be.*an array/],
    ['a C2C to with spaces', { ...valid, to: 'bob smith' }, /^to must be a userID/],
    ['a huge to', { ...valid, to: 'x'.repeat(100_000) }, /^to must be a userID.*a string of 100000 characters/],
    ['no conversationType', { ...valid, conversationType: undefined }, /conversationType must be one of C2C, GROUP/],
    ['an unknown conversationType', { ...valid, conversationType: 'P2P' }, /conversationType.*"P2P"/],
    ['TOPIC as conversationType', { ...valid, conversationType: TYPES.CONV_TOPIC }, /conversationType/],
    ['no payload', { ...valid, payload: undefined }, /^payload must be an object/],
    ['payload as a string', { ...valid, payload: 'hi' }, /^payload must be an object/],
    ['payload as null', { ...valid, payload: null }, /^payload must be an object, got null/],
    ['no text', { ...valid, payload: {} }, /^payload.text must be a string/],
    ['text as a number', { ...valid, payload: { text: 42 } }, /^payload.text must be a string/],
    ['text as an object', { ...valid, payload: { text: { toString: () => 'x' } } }, /^payload.text must be a string/],
    ['an unknown priority', { ...valid, priority: 'Urgent' }, /^priority must be one of High, Normal, Low, Lowest/],
    ['priority in lower case', { ...valid, priority: 'high' }, /^priority/],
    ['cloudCustomData as an object', { ...valid, cloudCustomData: {} }, /^cloudCustomData must be a string/],
    ['needReadReceipt as a string', { ...valid, needReadReceipt: 'true' }, /^needReadReceipt must be true or false/],
    [
      'isSupportExtension as a number',
      { ...valid, isSupportExtension: 1 },
      /^isSupportExtension must be true or false/,
    ],
    ['receiverList as a string', { ...valid, receiverList: 'user0' }, /^receiverList must be a non-empty array/],
    [
      'receiverList with a number',
      { ...valid, receiverList: ['user0', 1] },
      /^receiverList has an invalid entry at \[1\]: it must be a userID/,
    ],
    [
      'receiverList over 50',
      { ...valid, receiverList: Array.from({ length: 51 }, (_, i) => `u${i}`) },
      /^receiverList must be an array of at most 50 userIDs/,
    ],
  ])('%s → 90003 naming the field', (_name, options, message) => {
    const error = thrown(options);
    expect(error.code).toBe(90003);
    expect(error.message).toMatch(message);
    expect(error.message.length).toBeLessThan(300);
  });

  test('a message for the system conversation is made (sendMessage refuses it with 2106, as the reference)', () => {
    const message = createTextMessage({ ...valid, conversationType: TYPES.CONV_SYSTEM }, context());
    expect(message).toMatchObject({ conversationType: TYPES.CONV_SYSTEM, status: 'unSend' });
  });

  test("'__proto__' and other odd but valid userIDs are plain data", () => {
    const message = createTextMessage({ ...valid, to: '__proto__' }, context());
    expect(message.to).toBe('__proto__');
    expect(message.conversationID).toBe('C2C__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('fields inherited through a polluted prototype do not count', () => {
    const options = Object.create({ to: 'bob' }) as Record<string, unknown>;
    Object.assign(options, { conversationType: 'C2C', payload: { text: 'hi' } });
    expect(thrown(options).message).toMatch(/^to must be/);
  });

  test('a huge text is accepted here; sendMessage is where 12 KB is enforced', () => {
    expect(
      createTextMessage({ ...valid, payload: { text: 'x'.repeat(100_000) } }, context()).payload.text,
    ).toHaveLength(100_000);
  });
});

describe('message IDs', () => {
  test('are unique and match the protocol pattern, even with a constant clock and random source', () => {
    const next = createMessageIDFactory(
      () => new Uint8Array(8),
      () => 1_700_000_000_000,
    );
    const ids = Array.from({ length: 1000 }, next);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(MESSAGE_ID_PATTERN);
  });

  test('two factories (two devices) with real randomness do not collide', () => {
    const a = createMessageIDFactory();
    const b = createMessageIDFactory();
    const ids = new Set([...Array.from({ length: 500 }, a), ...Array.from({ length: 500 }, b)]);
    expect(ids.size).toBe(1000);
  });

  test('work without globalThis.crypto (Math.random fallback)', () => {
    const crypto = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
    try {
      expect(createMessageIDFactory()()).toMatch(MESSAGE_ID_PATTERN);
    } finally {
      if (crypto) Object.defineProperty(globalThis, 'crypto', crypto);
    }
  });
});
