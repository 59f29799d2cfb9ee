import { Connection, type ConnectionOptions } from '../../plugin/connection';
import { ChatError } from '../../protocol/errors';
import type { NetState } from '../../protocol/constants';
import { CLOSE_LOGIN_TIMEOUT, CLOSE_NOT_READING, type PushFrame } from '../../protocol/frames';
import { FakePlatform, flush, type FakeSocket } from './fake-platform';

/** A connection over fake sockets whose handshake is one `login` request the test answers. */
function setup(overrides: Partial<ConnectionOptions> = {}) {
  const platform = new FakePlatform();
  const states: NetState[] = [];
  const pushes: PushFrame[] = [];
  const serverErrors: ChatError[] = [];
  const terminated: ChatError[] = [];
  let reconnects = 0;
  const connection = new Connection({
    platform,
    url: 'ws://test/ws',
    handshake: async (request) => {
      await request('login', { SDKAppID: 1, userID: 'alice', userSig: 'sig', protocolVersion: 1 });
    },
    onPush: (frame) => pushes.push(frame),
    onStateChange: (state) => states.push(state),
    onServerError: (error) => serverErrors.push(error),
    onReconnected: () => reconnects++,
    onTerminated: (error) => terminated.push(error),
    random: () => 0,
    reconnectMinMs: 100,
    ...overrides,
  });
  return { platform, connection, states, pushes, serverErrors, terminated, reconnects: () => reconnects };
}

/** Opens the socket and accepts its login. */
async function acceptLogin(socket: FakeSocket): Promise<void> {
  socket.open();
  const login = socket.sent.find((frame) => frame.op === 'login');
  if (!login) throw new Error('no login was sent');
  socket.reply(login, { userID: 'alice', serverTime: Date.now() });
  await flush();
}

async function readyConnection(overrides: Partial<ConnectionOptions> = {}) {
  const env = setup(overrides);
  const started = env.connection.start();
  await acceptLogin(env.platform.last);
  await started;
  return env;
}

async function rejection(promise: Promise<unknown>): Promise<ChatError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChatError);
    return error as ChatError;
  }
  throw new Error('expected a rejection');
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('Connection', () => {
  test('start() connects, runs the handshake, then reports connected', async () => {
    const { connection, platform, states } = await readyConnection();
    expect(platform.last.url).toBe('ws://test/ws');
    expect(platform.last.sent[0]).toMatchObject({ t: 'req', id: 1, op: 'login' });
    expect(states).toEqual(['connecting', 'connected']);
    expect(connection.isReady).toBe(true);
  });

  test('responses are matched to requests by id, in any order', async () => {
    const { connection, platform } = await readyConnection();
    const a = connection.request('ping', {});
    const b = connection.request('getConversationList', {});
    const [, pingFrame, listFrame] = platform.last.sent;
    platform.last.reply(listFrame, { conversationList: [] });
    platform.last.reply(pingFrame, { serverTime: 5 });
    await expect(a).resolves.toEqual({ serverTime: 5 });
    await expect(b).resolves.toEqual({ conversationList: [] });
    expect(pingFrame.id).not.toBe(listFrame.id);
  });

  test('an error response rejects with a ChatError of that code and message', async () => {
    const { connection, platform } = await readyConnection();
    const sending = connection.request('ping', {});
    platform.last.reply(platform.last.sent[1], undefined, 80002, 'too big');
    const error = await rejection(sending);
    expect([error.code, error.message]).toEqual([80002, 'too big']);
  });

  test('a request the server never answers fails with 2801 after 15 s', async () => {
    const { connection } = await readyConnection();
    const sending = rejection(connection.request('ping', {}));
    jest.advanceTimersByTime(14_999);
    await flush();
    jest.advanceTimersByTime(1);
    const error = await sending;
    expect(error.code).toBe(2801);
    expect(error.message).toMatch(/15 s/);
  });

  test('a late answer after the timeout is ignored', async () => {
    const { connection, platform } = await readyConnection();
    const sending = rejection(connection.request('ping', {}));
    jest.advanceTimersByTime(15_000);
    expect((await sending).code).toBe(2801);
    expect(() => platform.last.reply(platform.last.sent[1], { serverTime: 1 })).not.toThrow();
  });

  test('a request while the socket is down fails at once with 2800 and sends nothing', async () => {
    const { connection, platform } = await readyConnection();
    platform.last.serverClose();
    const sentBefore = platform.sockets.map((s) => s.sent.length);
    const error = await rejection(connection.request('ping', {}));
    expect(error.code).toBe(2800);
    expect(platform.sockets.map((s) => s.sent.length)).toEqual(sentBefore);
  });

  test('a request before start() fails at once with 2800', async () => {
    const { connection } = setup();
    expect((await rejection(connection.request('ping', {}))).code).toBe(2800);
  });

  test('every waiting request fails with 2800 when the socket closes', async () => {
    const { connection, platform, states } = await readyConnection();
    const waiting = [connection.request('ping', {}), connection.request('ping', {})].map(rejection);
    platform.last.serverClose(1006);
    expect((await Promise.all(waiting)).map((e) => e.code)).toEqual([2800, 2800]);
    expect(states.at(-1)).toBe('disconnected');
  });

  test.each([
    ['an unexpected close', 1006],
    ['the server closing a client that did not read', CLOSE_NOT_READING],
    ['the server closing a socket that did not log in in time', CLOSE_LOGIN_TIMEOUT],
  ])('reconnects with backoff after %s (%s) and logs in again', async (_name, code) => {
    const { connection, platform, states, reconnects } = await readyConnection();
    platform.last.serverClose(code);
    expect(platform.sockets).toHaveLength(1);
    jest.advanceTimersByTime(99);
    expect(platform.sockets).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(platform.sockets).toHaveLength(2);
    await acceptLogin(platform.last);
    expect(platform.last.sent[0]).toMatchObject({ op: 'login', d: { userID: 'alice', userSig: 'sig' } });
    expect(connection.isReady).toBe(true);
    expect(reconnects()).toBe(1);
    expect(states).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
  });

  test('callbacks from an old socket are ignored once a new one took over', async () => {
    const { connection, platform, pushes, reconnects, states } = await readyConnection();
    const old = platform.last;
    old.serverClose(1006);
    jest.advanceTimersByTime(100);
    await acceptLogin(platform.last);
    const statesBefore = states.length;
    const sending = connection.request('ping', {});
    old.deliver({ t: 'push', ev: 'message', d: {} });
    old.deliver({ t: 'res', id: platform.last.sent[1].id, code: 0, d: { serverTime: 666 } });
    old.serverClose(1006);
    old.fail(new Error('late error'));
    old.open();
    expect(pushes).toHaveLength(0);
    expect(connection.isReady).toBe(true);
    expect(states).toHaveLength(statesBefore);
    expect(platform.sockets).toHaveLength(2);
    expect(reconnects()).toBe(1);
    platform.last.reply(platform.last.sent[1], { serverTime: 7 });
    await expect(sending).resolves.toEqual({ serverTime: 7 });
  });

  test('pushes go to onPush; error frames to onServerError; garbage is ignored', async () => {
    const { platform, pushes, serverErrors } = await readyConnection();
    platform.last.deliver({ t: 'push', ev: 'message', d: { ID: 'm1' } });
    platform.last.deliver({ t: 'error', code: 90001, msg: 'bad frame' });
    platform.last.deliver('not json');
    platform.last.deliver([1, 2]);
    platform.last.deliver({ t: 'res', id: 'x', code: 0 });
    expect(pushes).toEqual([{ t: 'push', ev: 'message', d: { ID: 'm1' } }]);
    expect(serverErrors.map((e) => [e.code, e.message])).toEqual([[90001, 'bad frame']]);
  });

  test('a refused first login rejects start() with its code and does not reconnect', async () => {
    const { connection, platform } = setup();
    const started = rejection(connection.start());
    platform.last.open();
    platform.last.reply(platform.last.sent[0], undefined, 70001, 'expired');
    expect((await started).code).toBe(70001);
    platform.last.serverClose(4001);
    jest.advanceTimersByTime(60_000);
    expect(platform.sockets).toHaveLength(1);
    expect(platform.last.closedByClient).not.toBeNull();
  });

  test('a first connect that fails rejects start() with 2800 and does not reconnect', async () => {
    const { connection, platform } = setup();
    const started = rejection(connection.start());
    platform.last.fail(new Error('ECONNREFUSED'));
    const error = await started;
    expect(error.code).toBe(2800);
    expect(error.message).toMatch(/ECONNREFUSED/);
    jest.advanceTimersByTime(60_000);
    expect(platform.sockets).toHaveLength(1);
  });

  test('a socket that never opens is given up after 15 s', async () => {
    const { connection } = setup();
    const started = rejection(connection.start());
    jest.advanceTimersByTime(15_000);
    expect((await started).code).toBe(2800);
  });

  test('a refused re-login terminates: no more reconnects', async () => {
    const { platform, terminated } = await readyConnection();
    platform.last.serverClose(1006);
    jest.advanceTimersByTime(100);
    platform.last.open();
    platform.last.reply(platform.last.sent[0], undefined, 3001, 'bad sig');
    await flush();
    expect(terminated.map((e) => e.code)).toEqual([3001]);
    jest.advanceTimersByTime(60_000);
    expect(platform.sockets).toHaveLength(2);
  });

  test('a re-login that times out is retried on a new socket', async () => {
    const { platform, connection } = await readyConnection();
    platform.last.serverClose(1006);
    jest.advanceTimersByTime(100);
    platform.last.open();
    jest.advanceTimersByTime(15_000);
    await flush();
    jest.advanceTimersByTime(100);
    expect(platform.sockets).toHaveLength(3);
    await acceptLogin(platform.last);
    expect(connection.isReady).toBe(true);
  });

  test('stop() closes the socket, fails waiting requests and cancels a pending reconnect', async () => {
    const { connection, platform } = await readyConnection();
    const waiting = rejection(connection.request('ping', {}));
    connection.stop();
    expect((await waiting).code).toBe(2800);
    expect(platform.last.closedByClient).toEqual({ code: 1000, reason: 'logout' });
    platform.last.serverClose(1000);
    jest.advanceTimersByTime(60_000);
    expect(platform.sockets).toHaveLength(1);
  });

  test('a send that throws fails that request with 2800 and reconnects', async () => {
    const { connection, platform } = await readyConnection();
    platform.last.send = () => {
      throw new Error('socket is not open');
    };
    expect((await rejection(connection.request('ping', {}))).code).toBe(2800);
    jest.advanceTimersByTime(100);
    expect(platform.sockets).toHaveLength(2);
  });
});

describe('Connection.resume (the app came back, or the network did)', () => {
  test('a reconnect waiting out its backoff goes at once', async () => {
    const { connection, platform } = await readyConnection({
      reconnectMinMs: 60_000,
      reconnectMaxMs: 60_000,
      random: () => 0.99,
    });
    platform.last.serverClose();
    expect(platform.sockets).toHaveLength(1);
    connection.resume();
    expect(platform.sockets).toHaveLength(2);
    await acceptLogin(platform.last);
    expect(connection.isReady).toBe(true);
  });

  test('a socket that looks open is pinged, and one that died silently is replaced', async () => {
    const { connection, platform, reconnects } = await readyConnection();
    const silent = platform.last;
    connection.resume();
    expect(silent.sent.at(-1)).toMatchObject({ op: 'ping' });
    jest.advanceTimersByTime(5_000);
    await flush();
    jest.advanceTimersByTime(1_000);
    expect(platform.sockets).toHaveLength(2);
    await acceptLogin(platform.last);
    expect(reconnects()).toBe(1);
  });

  test('a socket that answers the ping is kept', async () => {
    const { connection, platform } = await readyConnection();
    connection.resume();
    platform.last.reply(platform.last.sent.at(-1)!, { serverTime: 1 });
    await flush();
    jest.advanceTimersByTime(60_000);
    expect(platform.sockets).toHaveLength(1);
    expect(connection.isReady).toBe(true);
  });
});
