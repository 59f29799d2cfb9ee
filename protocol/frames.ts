/** The envelopes every WebSocket text frame is (JSON): request, response, push, and the error for a frame with no usable id; and the close codes. */

export const PROTOCOL_VERSION = 1;
export const SOCKET_PATH = '/ws';

// WebSocket close codes of the server (4000–4999 belong to the application). The SDK reconnects
// with backoff after any close except CLOSE_LOGIN_FAILED, which the same credentials would get again.
/** A refused login: the answer says why; reconnecting with the same userSig cannot help. */
export const CLOSE_LOGIN_FAILED = 4001;
/** The client let more answers and pushes pile up unread than the server buffers for one connection. */
export const CLOSE_NOT_READING = 4002;
/** No login arrived within the server's login timeout after the socket opened. */
export const CLOSE_LOGIN_TIMEOUT = 4003;

export interface RequestFrame<Op extends string = string, D = unknown> {
  t: 'req';
  id: number;
  op: Op;
  d: D;
}

export interface ResponseFrame<D = unknown> {
  t: 'res';
  id: number;
  code: number;
  msg?: string;
  d?: D;
}

export interface PushFrame<Ev extends string = string, D = unknown> {
  t: 'push';
  ev: Ev;
  d: D;
}

/** Answer to a frame that has no usable request id (not JSON, not an object, no `id`). */
export interface ErrorFrame {
  t: 'error';
  code: number;
  msg: string;
}

export type ServerFrame = ResponseFrame | PushFrame | ErrorFrame;
