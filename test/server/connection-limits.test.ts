import { EventEmitter } from 'node:events';
import { WebSocket } from 'ws';
import { CLOSE_LOGIN_TIMEOUT, CLOSE_NOT_READING } from '../../protocol/frames';
import {
  CLOSE_GRACE_MS,
  connectionLimitStats,
  guardConnection,
  type GuardedSocket,
} from '../../server/connection-limits';
import { createLogger } from '../../server/logger';

/** A socket whose unread output the test sets by hand; it records what the guard does to it. */
class FakeSocket extends EventEmitter implements GuardedSocket {
  bufferedAmount = 0;
  readyState: number = WebSocket.OPEN;
  closedWith: number | null = null;
  terminated = false;
  readonly written: string[] = [];

  close(code: number): void {
    this.closedWith = code;
    this.readyState = WebSocket.CLOSING;
  }

  terminate(): void {
    this.terminated = true;
    this.readyState = WebSocket.CLOSED;
    this.emit('close');
  }
}

const limits = { maxUnansweredRequests: 2, maxBufferedOutputBytes: 1000, loginTimeoutMs: 5000 };

function setup() {
  const socket = new FakeSocket();
  const stats = connectionLimitStats();
  const guard = guardConnection(socket, limits, stats, createLogger('silent'));
  const write = guard.guardOutput((text) => socket.written.push(text));
  return { socket, stats, guard, write };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('requests past the limit of unanswered ones are refused until one is answered', () => {
  const { guard, stats } = setup();
  expect([guard.admit(), guard.admit(), guard.admit()]).toEqual([true, true, false]);
  guard.answered();
  expect([guard.admit(), guard.admit()]).toEqual([true, false]);
  expect(stats.busyAnswers).toBe(2);
});

test('one large answer goes out; more output on top of an unread backlog closes the socket with 4002', () => {
  const { socket, stats, write } = setup();
  write('big');
  socket.bufferedAmount = 1000;
  write('still within the limit');
  socket.bufferedAmount = 1001;
  write('one too many');
  write('and another');
  expect(socket.written).toEqual(['big', 'still within the limit']);
  expect(socket.closedWith).toBe(CLOSE_NOT_READING);
  expect(stats.closedNotReading).toBe(1);
});

test('a closed peer that still does not read is cut after the grace period, freeing its buffers', () => {
  const { socket, write } = setup();
  socket.bufferedAmount = 5000;
  write('x');
  jest.advanceTimersByTime(CLOSE_GRACE_MS - 1);
  expect(socket.terminated).toBe(false);
  jest.advanceTimersByTime(1);
  expect(socket.terminated).toBe(true);
});

test('a socket without a login is closed with 4003 after the login timeout; a login stops the clock', () => {
  const idle = setup();
  const loggedIn = setup();
  loggedIn.guard.loggedIn();
  jest.advanceTimersByTime(limits.loginTimeoutMs);
  expect(idle.socket.closedWith).toBe(CLOSE_LOGIN_TIMEOUT);
  expect(idle.stats.closedWithoutLogin).toBe(1);
  expect(loggedIn.socket.closedWith).toBeNull();
});

test('a socket that closes leaves no timer behind', () => {
  const { socket } = setup();
  socket.emit('close');
  expect(jest.getTimerCount()).toBe(0);
});
