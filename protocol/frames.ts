/** The envelopes every WebSocket text frame is (JSON): request, response, push, and the error for a frame with no usable id. */

export const PROTOCOL_VERSION = 1;
export const SOCKET_PATH = '/ws';

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
