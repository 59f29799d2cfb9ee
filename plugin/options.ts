import { SOCKET_PATH } from '../protocol/frames';
import { describe, invalid, own, requireObject } from '../protocol/fields';
import { DEFAULT_SEND_TIMEOUT_MS } from '../protocol/limits';

const MAX_SEND_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export interface ResolvedOptions {
  SDKAppID: number;
  /** ws(s)://host[:port][/base]/ws */
  socketURL: string;
  /** http(s)://host[:port][/base], no trailing slash: where `/files` is. */
  httpURL: string;
  /** Milliseconds a message may wait in the outbox before sendMessage rejects with 2801. */
  sendTimeout: number;
}

/** Checks `create()` options and derives the socket address: http → ws, https → wss, path + `/ws`. */
export function resolveOptions(options: unknown): ResolvedOptions {
  const fields = requireObject(options, 'create options');
  const SDKAppID = own(fields, 'SDKAppID');
  if (typeof SDKAppID !== 'number' || !Number.isSafeInteger(SDKAppID) || SDKAppID <= 0) {
    throw invalid(
      `SDKAppID must be a positive integer (the app's ID on your Tidings server), got ${describe(SDKAppID)}.`,
    );
  }
  const socketURL = socketURLFor(own(fields, 'serverURL'));
  const httpURL = socketURL.replace(/^ws/, 'http').slice(0, -SOCKET_PATH.length);
  return { SDKAppID, socketURL, httpURL, sendTimeout: sendTimeoutOf(own(fields, 'sendTimeout')) };
}

function sendTimeoutOf(value: unknown): number {
  if (value === undefined) return DEFAULT_SEND_TIMEOUT_MS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1000 || value > MAX_SEND_TIMEOUT_MS)
    throw invalid(
      `sendTimeout must be whole milliseconds from 1000 to ${MAX_SEND_TIMEOUT_MS}, got ${describe(value)}.`,
    );
  return value;
}

export function socketURLFor(serverURL: unknown): string {
  const hint = 'serverURL must be the http(s) address of your Tidings server, e.g. "https://chat.example.com"';
  if (typeof serverURL !== 'string') throw invalid(`${hint}; got ${describe(serverURL)}.`);
  const match = /^(https?):\/\/([^/?#\s]+)([^?#\s]*)$/i.exec(serverURL.trim());
  if (!match) throw invalid(`${hint}; got ${describe(serverURL)}.`);
  const [, scheme, host, path] = match;
  const socketScheme = scheme.toLowerCase() === 'https' ? 'wss' : 'ws';
  return `${socketScheme}://${host}${path.replace(/\/+$/, '')}${SOCKET_PATH}`;
}
