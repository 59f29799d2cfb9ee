import { ChatError } from '../../protocol/errors';
import { genUserSig, verifyUserSig } from '../../server/auth/usersig';

const app = { SDKAppID: 1400000001, secretKey: 'k1' };
const now = 1_800_000_000;

function codeOf(run: () => void): number | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return (error as ChatError).code;
  }
  return undefined;
}

describe('userSig', () => {
  const sig = genUserSig({ ...app, userID: 'alice', issuedAt: now, expire: 3600 });

  test('a fresh userSig for the right app and user is accepted', () => {
    expect(codeOf(() => verifyUserSig(sig, { ...app, userID: 'alice' }, now + 10))).toBeUndefined();
  });

  test('it expires after `expire` seconds with 70001', () => {
    expect(codeOf(() => verifyUserSig(sig, { ...app, userID: 'alice' }, now + 3600))).toBe(70001);
  });

  test.each([
    ['another user', { ...app, userID: 'bob' }],
    ['another app', { ...app, SDKAppID: 1400000002, userID: 'alice' }],
    ['another key', { ...app, secretKey: 'k2', userID: 'alice' }],
  ])('it is refused for %s with 3001', (_name, expected) => {
    expect(codeOf(() => verifyUserSig(sig, expected, now))).toBe(3001);
  });

  test('a ticket rewritten to another user fails the signature check', () => {
    const [ticket, signature] = sig.split('.');
    const forged = Buffer.from(Buffer.from(ticket, 'base64url').toString().replace('alice', 'mallo')).toString(
      'base64url',
    );
    expect(codeOf(() => verifyUserSig(`${forged}.${signature}`, { ...app, userID: 'mallo' }, now))).toBe(3001);
  });

  test.each(['', '.', 'a.b.c', 'onlyonepart', `${'x'.repeat(10000)}.y`])('malformed %j is refused with 3001', (bad) => {
    expect(codeOf(() => verifyUserSig(bad, { ...app, userID: 'alice' }, now))).toBe(3001);
  });

  test('genUserSig rejects unusable arguments with a TypeError naming the field', () => {
    expect(() => genUserSig({ ...app, SDKAppID: 0, userID: 'a' })).toThrow(/SDKAppID/);
    expect(() => genUserSig({ ...app, secretKey: '', userID: 'a' })).toThrow(/secretKey/);
    expect(() => genUserSig({ ...app, userID: '' })).toThrow(/userID/);
    expect(() => genUserSig({ ...app, userID: 'a', expire: -1 })).toThrow(/expire/);
  });
});
