/**
 * What both load generators (bench/load.ts, bench/multi-node-load.ts) speak: the IPC to bench's
 * parent process, a logged-in socket, the text message draft and latency statistics.
 */
import WebSocket from 'ws';
import { genUserSig } from '../server/auth/usersig';
import { BENCH_SDKAPPID, BENCH_SECRET_KEY, percentile } from './common';
import type { LatencyStats, LoadMessage } from './types';

const LOGIN_TIMEOUT_MS = 10_000;

export function post(message: LoadMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}
export const progress = (text: string) => void post({ type: 'progress', text });

/** Everything that went wrong during a run; any entry makes the run a failure. */
export class Problems {
  count = 0;
  first: string | null = null;
  note(what: string): void {
    this.count++;
    this.first ??= what;
  }
}

export interface Frame {
  t?: string;
  id?: number;
  code?: number;
  msg?: string;
  ev?: string;
  d?: { type?: string; from?: string; payload?: { text?: string } };
}

export function parse(data: WebSocket.RawData): Frame {
  return JSON.parse(data.toString()) as Frame;
}

/** Opens a socket and logs in; afterwards every frame goes to `onFrame`. Login used request id 1. */
export function connect(
  socketURL: string,
  userID: string,
  problems: Problems,
  onFrame: (data: WebSocket.RawData) => void,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(socketURL, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`login of ${userID} timed out`));
    }, LOGIN_TIMEOUT_MS);
    let loggedIn = false;
    socket.on('error', (error) => {
      if (!loggedIn) {
        clearTimeout(timer);
        reject(error);
      } else problems.note(`${userID}: socket error ${error.message}`);
    });
    socket.once('open', () => {
      const userSig = genUserSig({ SDKAppID: BENCH_SDKAPPID, secretKey: BENCH_SECRET_KEY, userID });
      socket.send(
        JSON.stringify({
          t: 'req',
          id: 1,
          op: 'login',
          d: { SDKAppID: BENCH_SDKAPPID, userID, userSig, protocolVersion: 1 },
        }),
      );
    });
    const onLoginAnswer = (data: WebSocket.RawData) => {
      const frame = parse(data);
      // The server may push first (the user's own online status): only the answer to login decides.
      if (frame.t === 'push') return;
      socket.off('message', onLoginAnswer);
      clearTimeout(timer);
      if (frame.t !== 'res' || frame.id !== 1 || frame.code !== 0) {
        socket.terminate();
        reject(new Error(`login of ${userID} refused: ${data.toString().slice(0, 200)}`));
        return;
      }
      loggedIn = true;
      socket.on('message', onFrame);
      socket.on('close', (code) => {
        if (!closing) problems.note(`${userID}: socket closed by the server (${code})`);
      });
      resolve(socket);
    };
    socket.on('message', onLoginAnswer);
  });
}

/** Set when the generator closes its own sockets, so those closes are not counted as problems. */
let closing = false;

/** Runs `task(i)` for i in 0..count-1, at most `concurrency` at a time. */
export async function inBatches(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

export function draft(to: string, ID: string, text: string, conversationType: 'C2C' | 'GROUP' = 'C2C') {
  return {
    ID,
    type: 'TIMTextElem',
    conversationType,
    to,
    payload: { text },
    priority: 'Normal',
    cloudCustomData: '',
    needReadReceipt: false,
    isSupportExtension: false,
  };
}

export function closeAll(sockets: WebSocket[]): void {
  closing = true;
  for (const socket of sockets) socket.close();
}

export function stats(values: number[]): LatencyStats {
  const sorted = Float64Array.from(values).sort();
  const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
  return {
    samples: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    mean,
  };
}
