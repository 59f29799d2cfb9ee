import { createHmac, timingSafeEqual } from 'node:crypto';
import { ChatError, ErrorCode } from '../../protocol/errors';
import { describe } from '../../protocol/fields';

/**
 * A userSig is `<ticket>.<signature>`, both base64url: the ticket is the JSON
 * `{ v, app, user, iat, exp }` (times in seconds), the signature its HMAC-SHA256 under the
 * app's secret key. It plays the part of TencentCloudChat's userSig: made by the app's own
 * backend, never by the client.
 */
export interface UserSigOptions {
  SDKAppID: number;
  secretKey: string;
  userID: string;
  /** Seconds the ticket stays valid. Default 7 days, as TencentCloudChat's sample code uses. */
  expire?: number;
  /** Issue time in seconds; for tests of expiry. Default now. */
  issuedAt?: number;
}

interface Ticket {
  v: 1;
  app: number;
  user: string;
  iat: number;
  exp: number;
}

const DEFAULT_EXPIRE_SECONDS = 7 * 24 * 3600;

function sign(ticketPart: string, secretKey: string): string {
  return createHmac('sha256', secretKey).update(ticketPart).digest('base64url');
}

export function genUserSig(options: UserSigOptions): string {
  const { SDKAppID, secretKey, userID } = options;
  if (!Number.isInteger(SDKAppID) || SDKAppID <= 0)
    throw new TypeError('genUserSig: SDKAppID must be a positive integer');
  if (typeof secretKey !== 'string' || secretKey.length === 0)
    throw new TypeError('genUserSig: secretKey must be a non-empty string');
  if (typeof userID !== 'string' || userID.length === 0)
    throw new TypeError('genUserSig: userID must be a non-empty string');
  const expire = options.expire ?? DEFAULT_EXPIRE_SECONDS;
  if (!Number.isFinite(expire) || expire <= 0)
    throw new TypeError('genUserSig: expire must be a positive number of seconds');
  const iat = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const ticket: Ticket = { v: 1, app: SDKAppID, user: userID, iat, exp: iat + Math.floor(expire) };
  const ticketPart = Buffer.from(JSON.stringify(ticket)).toString('base64url');
  return `${ticketPart}.${sign(ticketPart, secretKey)}`;
}

function loginFailed(reason: string): ChatError {
  return new ChatError(ErrorCode.LOGIN_FAILED, `Login failed: ${reason}`);
}

/** Checks a userSig for the user and app the client claims; throws 3001 or 70001. */
export function verifyUserSig(
  userSig: string,
  expected: { SDKAppID: number; userID: string; secretKey: string },
  nowSeconds: number,
): void {
  const [ticketPart, signature, extra] = userSig.split('.');
  if (!ticketPart || !signature || extra !== undefined)
    throw loginFailed('the userSig is not in the form this server issues.');
  const expectedSignature = Buffer.from(sign(ticketPart, expected.secretKey));
  const givenSignature = Buffer.from(signature);
  if (givenSignature.length !== expectedSignature.length || !timingSafeEqual(givenSignature, expectedSignature)) {
    throw loginFailed("the userSig signature does not match; make it with this app's secret key.");
  }
  let ticket: Partial<Ticket>;
  try {
    ticket = JSON.parse(Buffer.from(ticketPart, 'base64url').toString('utf8')) as Partial<Ticket>;
  } catch {
    throw loginFailed('the userSig ticket is unreadable.');
  }
  if (ticket.app !== expected.SDKAppID)
    throw loginFailed(`the userSig was made for SDKAppID ${describe(ticket.app)}, not ${expected.SDKAppID}.`);
  if (ticket.user !== expected.userID) throw loginFailed('the userSig was made for another userID.');
  if (typeof ticket.exp !== 'number' || ticket.exp <= nowSeconds) {
    throw new ChatError(
      ErrorCode.USERSIG_EXPIRED,
      'The userSig has expired: ask your backend for a new one and log in again.',
    );
  }
}
