import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { ChatError, ErrorCode } from '../protocol/errors';
import { CLOSE_LOGIN_FAILED, type ErrorFrame, type ResponseFrame } from '../protocol/frames';
import type { Session } from './bus/bus';
import { guardConnection, type ConnectionLimitStats } from './connection-limits';
import type { RequestDrain } from './request-drain';
import { frameWriter } from './frame-writer';
import { Serialized } from './serialized';
import { isOperationName, operations, type Connection, type OperationContext } from './operations';
import { isPlainObject } from '../protocol/fields';

/** A client's value, quoted for an error message; never calls anything the client sent (an object's own `toString`). */
function preview(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : `(${value === null ? 'null' : typeof value})`;
}

/** Serves one WebSocket: parses frames, runs operations, and answers every frame it can. */
export function serveSocket(
  socket: WebSocket,
  stream: Duplex,
  ctx: OperationContext & { log: Logger; connectionStats: ConnectionLimitStats; drain: RequestDrain },
): void {
  const guard = guardConnection(socket, ctx.settings, ctx.connectionStats, ctx.log);
  const sendText = guard.guardOutput(frameWriter(socket, stream));
  const connection: Connection = {
    session: null,
    login(app, userID) {
      const session: Session = { app, userID, send: sendText };
      ctx.bus.add(session);
      this.session = session;
      guard.loggedIn();
      return session;
    },
  };
  const send = (frame: ResponseFrame | ErrorFrame) => {
    sendText(JSON.stringify(frame));
  };
  const sendError = (code: number, msg: string) => send({ t: 'error', code, msg });

  socket.on('message', (data: RawData, isBinary: boolean) => {
    // A closing socket's answers would be dropped: nothing it sends now is run. Nor is anything
    // sent once the server is shutting down: unanswered, it was not run (the socket closes with 1001).
    if (socket.readyState !== socket.OPEN || !ctx.drain.accepting) return;
    try {
      onFrame(data, isBinary);
    } catch (error) {
      // Input must never take the process down: whatever a frame makes throw is that frame's failure alone.
      ctx.log.error({ err: error }, 'frame handling failed');
      sendError(ErrorCode.SERVER_ERROR, 'The server failed on this frame; it was logged.');
    }
  });

  function onFrame(data: RawData, isBinary: boolean): void {
    if (isBinary) return sendError(ErrorCode.MALFORMED_FRAME, 'Frames must be JSON text, not binary.');
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return sendError(ErrorCode.MALFORMED_FRAME, 'The frame is not valid JSON.');
    }
    if (!isPlainObject(frame)) return sendError(ErrorCode.MALFORMED_FRAME, 'A frame must be a JSON object.');
    const { id, t, op } = frame;
    if (!Number.isSafeInteger(id) || (id as number) <= 0)
      return sendError(ErrorCode.MALFORMED_FRAME, 'A request needs a positive integer id.');
    const reply = (code: number, msg: string) => send({ t: 'res', id: id as number, code, msg });
    if (t !== 'req') return reply(ErrorCode.UNKNOWN_OPERATION, `Unknown frame type ${preview(t)}; clients send "req".`);
    if (!isOperationName(op)) return reply(ErrorCode.UNKNOWN_OPERATION, `Unknown operation ${preview(op)}.`);
    const d = frame.d ?? {};
    if (!isPlainObject(d)) return reply(ErrorCode.INVALID_PARAMETER, "A request's d must be an object.");

    if (!guard.admit())
      return reply(
        ErrorCode.SERVER_BUSY,
        `This connection has ${ctx.settings.maxUnansweredRequests} requests waiting for answers; this one was not run. Wait for answers, then retry.`,
      );
    ctx.drain.started();
    operations[op](d, connection, ctx)
      .then(
        (result) => {
          if (result instanceof Serialized) sendText(`{"t":"res","id":${id as number},"code":0,"d":${result.json}}`);
          else send({ t: 'res', id: id as number, code: 0, d: result });
        },
        (error: unknown) => {
          if (error instanceof ChatError) {
            reply(error.code, error.message);
            if (op === 'login') socket.close(CLOSE_LOGIN_FAILED, 'login failed');
            return;
          }
          ctx.log.error({ err: error, op }, 'operation failed');
          reply(ErrorCode.SERVER_ERROR, 'The server failed on this request; it was logged. Try again.');
        },
      )
      .catch((error: unknown) => {
        ctx.log.error({ err: error, op }, 'answering failed');
        reply(ErrorCode.SERVER_ERROR, 'The server could not answer this request; it was logged.');
      })
      .finally(() => {
        guard.answered();
        ctx.drain.finished();
      });
  }

  socket.on('error', (error) => ctx.log.debug({ err: error }, 'socket error'));
  socket.on('close', () => {
    if (connection.session) ctx.bus.remove(connection.session);
  });
}
