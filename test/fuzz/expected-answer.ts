import type { FramePayload } from './hostile-frames';

/** The largest frame the server reads (server/server.ts); a bigger one closes the socket with 1009. */
export const MAX_FRAME_BYTES = 256 * 1024;

/** RFC 6455 close codes the server uses for frames it cannot read at all. */
export const CLOSE_INVALID_UTF8 = 1007;
export const CLOSE_TOO_BIG = 1009;
/** A refused login (server/gateway.ts CLOSE_LOGIN_FAILED). */
export const CLOSE_LOGIN_FAILED_CODE = 4001;

/**
 * What docs/protocol.md promises for a frame: a response with its id when it has a usable one,
 * an error frame when it has not, or (below the protocol, in WebSocket itself) a close.
 */
export type ExpectedAnswer =
  | { kind: 'res'; id: number; op: unknown; t: unknown; d: unknown }
  | { kind: 'error' }
  | { kind: 'close'; code: number };

export function expectedAnswer(payload: FramePayload): ExpectedAnswer {
  const bytes = payload.kind === 'text' ? Buffer.byteLength(payload.text) : payload.bytes.length;
  if (bytes > MAX_FRAME_BYTES) return { kind: 'close', code: CLOSE_TOO_BIG };
  if (payload.kind === 'invalid-utf8') return { kind: 'close', code: CLOSE_INVALID_UTF8 };
  if (payload.kind === 'binary') return { kind: 'error' };
  let frame: unknown;
  try {
    // ws delivers the text as UTF-8 bytes; a lone surrogate in the string arrives as U+FFFD.
    frame = JSON.parse(Buffer.from(payload.text).toString());
  } catch {
    return { kind: 'error' };
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return { kind: 'error' };
  const { id, op, t, d } = frame as Record<string, unknown>;
  if (!Number.isSafeInteger(id) || (id as number) <= 0) return { kind: 'error' };
  return { kind: 'res', id: id as number, op, t, d };
}
