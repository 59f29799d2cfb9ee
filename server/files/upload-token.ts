import { createHmac, timingSafeEqual } from 'node:crypto';
import { USER_ID_PATTERN } from '../../protocol/limits';

/** Upload tokens: `<app>.<userID>.<expiry seconds>.<HMAC-SHA256 hex>`, signed with the app's secret key; stateless, so any node can check them. */
export const UPLOAD_TOKEN_TTL_SECONDS = 3600;

function sign(payload: string, secretKey: string): string {
  return createHmac('sha256', `upload:${secretKey}`).update(payload).digest('hex');
}

export function makeUploadToken(
  app: number,
  userID: string,
  secretKey: string,
  nowSeconds: number,
): { token: string; expiresAt: number } {
  const expiresAt = nowSeconds + UPLOAD_TOKEN_TTL_SECONDS;
  const payload = `${app}.${userID}.${expiresAt}`;
  return { token: `${payload}.${sign(payload, secretKey)}`, expiresAt };
}

/** The app and user a token names, or null when it is malformed, forged or expired. */
export function verifyUploadToken(
  token: string,
  secretKeys: ReadonlyMap<number, string>,
  nowSeconds: number,
): { app: number; userID: string } | null {
  const parts = token.split('.');
  if (parts.length !== 4) return null;
  const [appText, userID, expiryText, mac] = parts as [string, string, string, string];
  const app = Number(appText);
  const expiresAt = Number(expiryText);
  const secretKey = secretKeys.get(app);
  if (!secretKey || !USER_ID_PATTERN.test(userID) || !Number.isSafeInteger(expiresAt) || expiresAt < nowSeconds)
    return null;
  const expected = Buffer.from(sign(`${appText}.${userID}.${expiryText}`, secretKey), 'hex');
  const given = Buffer.from(mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { app, userID };
}
