import type { IncomingMessage, ServerResponse } from 'node:http';
import { USER_ID_PATTERN } from '../protocol/limits';
import { genUserSig } from './auth/usersig';

export const DEV_USERSIG_PATH = '/dev/usersig';
export const DEV_WARNING = 'dev mode: test userSigs for anyone, never in production';

function answer(response: ServerResponse, status: number, body: object): void {
  response
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

/**
 * `GET /dev/usersig?userID=alice` → `{ userSig, SDKAppID, warning }`: lets a demo log anyone in
 * without a backend. Only routed when the server runs with `dev: true`, since it hands out
 * valid credentials to whoever asks.
 */
export function serveDevUserSig(
  request: IncomingMessage,
  response: ServerResponse,
  app: { SDKAppID: number; secretKey: string },
): void {
  if (request.method !== 'GET') return answer(response, 405, { error: 'Use GET /dev/usersig?userID=<userID>.' });
  const userIDs = new URL(request.url ?? '/', 'http://localhost').searchParams.getAll('userID');
  if (userIDs.length !== 1 || userIDs[0] === '')
    return answer(response, 400, { error: 'Give one userID: GET /dev/usersig?userID=alice' });
  const userID = userIDs[0];
  if (!USER_ID_PATTERN.test(userID)) {
    return answer(response, 400, {
      error: `userID ${JSON.stringify(userID.slice(0, 40))} is not valid; userIDs are letters, digits, _ and -, at most 32.`,
    });
  }
  answer(response, 200, { userSig: genUserSig({ ...app, userID }), SDKAppID: app.SDKAppID, warning: DEV_WARNING });
}
