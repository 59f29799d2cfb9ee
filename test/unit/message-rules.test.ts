import { ChatError } from '../../protocol/errors';
import {
  facePayload,
  optionalPriority,
  requireAtUserList,
  requireRecipient,
  requireSendableConversationType,
  requireUserIDs,
} from '../../protocol/message-rules';

/** The message rules the SDK's factories and the server's `send` share: same code, same message. */
function failureOf(check: () => unknown): { code: number; message: string } {
  try {
    check();
  } catch (error) {
    if (error instanceof ChatError) return { code: error.code, message: error.message };
  }
  throw new Error('expected a ChatError');
}

describe('message rules', () => {
  test('conversationType: C2C or GROUP; the system conversation is 2106', () => {
    expect(requireSendableConversationType('GROUP')).toBe('GROUP');
    expect(failureOf(() => requireSendableConversationType('@TIM#SYSTEM')).code).toBe(2106);
    expect(failureOf(() => requireSendableConversationType('P2P'))).toEqual({
      code: 90003,
      message: 'conversationType must be one of C2C, GROUP, got the string "P2P".',
    });
  });

  test('to: a userID for C2C, a groupID for GROUP', () => {
    expect(requireRecipient({ to: '@TGS#1' }, 'GROUP')).toBe('@TGS#1');
    expect(failureOf(() => requireRecipient({ to: '@TGS#1' }, 'C2C')).message).toMatch(/^to must be a userID/);
    expect(failureOf(() => requireRecipient({ to: 'a group' }, 'GROUP')).message).toMatch(/^to must be a groupID/);
    expect(failureOf(() => requireRecipient({}, 'C2C')).message).toBe('to must be a non-empty string, got undefined.');
  });

  test('priority defaults to Normal and must be one of the four', () => {
    expect(optionalPriority({})).toBe('Normal');
    expect(failureOf(() => optionalPriority({ priority: 'Urgent' })).code).toBe(90003);
  });

  test('userID lists: 1 to max valid userIDs, each named once', () => {
    expect(requireUserIDs(['bob', 'bob', 'carol'], 'receiverList', 50)).toEqual(['bob', 'carol']);
    expect(failureOf(() => requireUserIDs([], 'receiverList', 50)).message).toMatch(
      /^receiverList must be a non-empty array/,
    );
    expect(failureOf(() => requireUserIDs(['a', 'b'], 'receiverList', 1)).message).toBe(
      'receiverList must be an array of at most 1 userIDs, got an array of 2 items.',
    );
    expect(failureOf(() => requireUserIDs(['bob smith'], 'receiverList', 50)).message).toMatch(
      /^receiverList has an invalid entry at \[0\]: it must be a userID .*, got the string "bob smith"\./,
    );
  });

  test('atUserList: 1 to 30 userIDs or MSG_AT_ALL', () => {
    expect(requireAtUserList(['__kImSDK_MesssageAtALL__', 'bob'])).toEqual(['__kImSDK_MesssageAtALL__', 'bob']);
    expect(failureOf(() => requireAtUserList(Array.from({ length: 31 }, (_, i) => `u${i}`))).message).toMatch(
      /1 to 30/,
    );
    expect(failureOf(() => requireAtUserList([42])).message).toMatch(
      /invalid entry at \[0\]: it must be a userID or TYPES.MSG_AT_ALL, got number 42/,
    );
  });

  test('face index: a whole number', () => {
    expect(facePayload({ index: 3 })).toEqual({ index: 3, data: '' });
    expect(failureOf(() => facePayload({ index: 1.5 })).code).toBe(90003);
  });
});
