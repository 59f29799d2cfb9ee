import { RawClient } from '../helpers/raw-client';
import { rawGet } from '../helpers/raw-http';
import { ServerProcess, TEST_SDKAPPID } from '../helpers/server-process';

/** Dev mode's /dev/usersig: what `npm start` turns on so the demo can log anyone in without a backend. */
describe('GET /dev/usersig in dev mode', () => {
  let server: ServerProcess;
  beforeAll(async () => (server = await ServerProcess.start({ dev: true })));
  afterAll(() => server.close());

  test('gives a userSig that logs that user in, with the SDKAppID and a warning', async () => {
    const response = await fetch(`${server.url}/dev/usersig?userID=alice_1-x`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { userSig: string; SDKAppID: number; warning: string };
    expect(body).toEqual({
      userSig: expect.any(String),
      SDKAppID: TEST_SDKAPPID,
      warning: 'dev mode: test userSigs for anyone, never in production',
    });
    const client = await RawClient.login(server.socketURL, TEST_SDKAPPID, 'alice_1-x', body.userSig);
    client.close();
  });

  test('the userSig is for the user asked, not another', async () => {
    const { userSig } = (await (await fetch(`${server.url}/dev/usersig?userID=alice`)).json()) as { userSig: string };
    const client = await RawClient.connect(server.socketURL);
    try {
      expect(
        await client.request('login', { SDKAppID: TEST_SDKAPPID, userID: 'mallory', userSig, protocolVersion: 1 }),
      ).toMatchObject({ code: 3001 });
    } finally {
      client.close();
    }
  });

  test('the start-up output warns loudly', () => {
    expect(server.output).toMatch(/!!! dev mode: test userSigs for anyone, never in production !!!/);
  });

  test.each([
    ['no userID', '/dev/usersig', /Give one userID/],
    ['an empty userID', '/dev/usersig?userID=', /Give one userID/],
    ['two userIDs', '/dev/usersig?userID=a&userID=b', /Give one userID/],
    ['a space', '/dev/usersig?userID=a%20b', /not valid/],
    ['a slash', '/dev/usersig?userID=..%2F..%2Fsecret-key', /not valid/],
    ['markup', '/dev/usersig?userID=%3Cscript%3E', /not valid/],
    ['33 characters', `/dev/usersig?userID=${'a'.repeat(33)}`, /not valid/],
    ['a NUL', '/dev/usersig?userID=a%00', /not valid/],
    ['broken percent-encoding', '/dev/usersig?userID=%E0%A4%A', /not valid/],
  ])('refuses %s with 400 and a message', async (_name, path, message) => {
    const answer = await rawGet(server.url, path);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(message) });
  });

  test('answers only GET', async () => {
    expect((await rawGet(server.url, '/dev/usersig?userID=alice', 'POST')).status).toBe(405);
  });
});

describe('GET /dev/usersig without dev mode', () => {
  test('is not there', async () => {
    const server = await ServerProcess.start();
    try {
      const answer = await rawGet(server.url, '/dev/usersig?userID=alice');
      expect(answer.status).toBe(404);
      expect(answer.body).not.toMatch(/userSig/);
      expect(server.output).not.toMatch(/dev mode/);
    } finally {
      await server.close();
    }
  });
});
