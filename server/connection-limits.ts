import type { Logger } from 'pino';
import { WebSocket } from 'ws';
import { CLOSE_LOGIN_TIMEOUT, CLOSE_NOT_READING } from '../protocol/frames';
import type { ServerSettings } from './settings';

export type ConnectionLimitSettings = Pick<
  ServerSettings,
  'maxUnansweredRequests' | 'maxBufferedOutputBytes' | 'loginTimeoutMs'
>;

/** What `/stats` reports about the limits below. */
export interface ConnectionLimitStats {
  /** Requests answered 90014 because their connection had too many unanswered ones. */
  busyAnswers: number;
  /** Connections closed (4002) because they left too much output unread. */
  closedNotReading: number;
  /** Connections closed (4003) because no login came in time. */
  closedWithoutLogin: number;
}

export function connectionLimitStats(): ConnectionLimitStats {
  return { busyAnswers: 0, closedNotReading: 0, closedWithoutLogin: 0 };
}

/**
 * After closing, how long a peer has to read what is still queued (and then the close frame)
 * before the socket is cut. A peer that does not read cannot complete a close handshake, and
 * until the socket is destroyed its output stays in memory.
 */
export const CLOSE_GRACE_MS = 10_000;

/** The part of a `ws` socket the guard uses. */
export interface GuardedSocket {
  /** Bytes written and not yet taken by the kernel, including those held while the stream is corked. */
  readonly bufferedAmount: number;
  readonly readyState: number;
  close(code: number, reason: string): void;
  terminate(): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Keeps one connection's memory bounded: its unanswered requests, its unread output, its time to log in. */
export interface ConnectionGuard {
  /** Counts a request in; false when too many are unanswered: answer it busy and do nothing else for it. */
  admit(): boolean;
  /** A request `admit` let in has been answered. */
  answered(): void;
  /** `write`, refusing to add to the output of a peer that left more than the limit unread: that peer is closed instead. */
  guardOutput(write: (text: string) => void): (text: string) => void;
  /** The connection logged in: the login timeout no longer applies. */
  loggedIn(): void;
}

export function guardConnection(
  socket: GuardedSocket,
  limits: ConnectionLimitSettings,
  stats: ConnectionLimitStats,
  log: Logger,
): ConnectionGuard {
  let unanswered = 0;
  let closing = false;
  let cutTimer: ReturnType<typeof setTimeout> | undefined;
  const closeThenCut = (code: number, reason: string) => {
    if (closing) return;
    closing = true;
    socket.close(code, reason);
    cutTimer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
  };
  const loginTimer = setTimeout(() => {
    stats.closedWithoutLogin++;
    closeThenCut(CLOSE_LOGIN_TIMEOUT, 'no login in time');
  }, limits.loginTimeoutMs);
  socket.once('close', () => {
    clearTimeout(loginTimer);
    clearTimeout(cutTimer);
  });

  return {
    admit() {
      if (unanswered >= limits.maxUnansweredRequests) {
        stats.busyAnswers++;
        return false;
      }
      unanswered++;
      return true;
    },
    answered() {
      unanswered--;
    },
    guardOutput(write) {
      return (text) => {
        if (socket.readyState !== WebSocket.OPEN) return;
        // Checked before writing: one large answer to a peer that keeps up is fine; piling more on one that does not is not.
        const unread = socket.bufferedAmount;
        if (unread <= limits.maxBufferedOutputBytes) return write(text);
        stats.closedNotReading++;
        log.warn(
          { unread, limit: limits.maxBufferedOutputBytes },
          'closing a connection that does not read its output',
        );
        closeThenCut(CLOSE_NOT_READING, 'too much unread output');
      };
    },
    loggedIn() {
      clearTimeout(loginTimer);
    },
  };
}
