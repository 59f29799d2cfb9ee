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
import { runOperation, type Connection, type OperationContext } from './operations';
import type { Operations } from '../protocol/operations';
import { isFrameProblem, parseFrame, parseRequest } from '../protocol/schemas/frame';
import { isStoreUnavailable } from './store/unavailable';
import { SendOrder } from './operations/send-order';

/** Serves one WebSocket: parses frames, runs operations, and answers every frame it can. */
export function serveSocket(
  socket: WebSocket,
  stream: Duplex,
  ctx: OperationContext & { log: Logger; connectionStats: ConnectionLimitStats; drain: RequestDrain },
): void {
  const guard = guardConnection(socket, ctx.settings, ctx.connectionStats, ctx.log);
  const sendText = guard.guardOutput(frameWriter(socket, stream));
  /** Whether presence has been told of this connection (after its login answer was written). */
  let presenceReported = false;
  const connection: Connection = {
    session: null,
    sendOrder: new SendOrder(),
    async login(app, userID) {
      const session: Session = { app, userID, send: sendText };
      this.session = session;
      guard.loggedIn();
      // Answered only once pushes reach it: what the SDK syncs after its login answer then misses nothing.
      await ctx.bus.add(session);
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
    const frame = parseFrame(data.toString());
    if (isFrameProblem(frame)) {
      if (frame.id === null) return sendError(frame.code, frame.msg);
      return send({ t: 'res', id: frame.id, code: frame.code, msg: frame.msg });
    }
    const { id, op } = frame;
    const reply = (code: number, msg: string, d?: unknown) =>
      send(d === undefined ? { t: 'res', id, code, msg } : { t: 'res', id, code, msg, d });
    const fail = (error: unknown) => {
      if (error instanceof ChatError) {
        // Some refusals carry what the caller needs next, e.g. the current message with a modify conflict (2480).
        reply(error.code, error.message, error.data);
        if (op === 'login') socket.close(CLOSE_LOGIN_FAILED, 'login failed');
        return;
      }
      if (isStoreUnavailable(error)) {
        ctx.log.warn({ err: error, op }, 'store unavailable');
        return reply(ErrorCode.SERVER_BUSY, 'The server cannot reach its database right now; try again in a moment.');
      }
      ctx.log.error({ err: error, op }, 'operation failed');
      reply(ErrorCode.SERVER_ERROR, 'The server failed on this request; it was logged. Try again.');
    };
    let d: Operations[typeof op]['req'];
    try {
      // Every request is checked whole against its op's schema before any handler sees it.
      d = parseRequest(op, frame.d);
    } catch (error) {
      return fail(error);
    }

    if (!guard.admit())
      return reply(
        ErrorCode.SERVER_BUSY,
        `This connection has ${ctx.settings.maxUnansweredRequests} requests waiting for answers; this one was not run. Wait for answers, then retry.`,
      );
    ctx.drain.started();
    runOperation(op, d, connection, ctx)
      .then((result) => {
        if (result instanceof Serialized) sendText(`{"t":"res","id":${id},"code":0,"d":${result.json}}`);
        else send({ t: 'res', id, code: 0, d: result });
        // Only now, so a client's first frame is its login answer, not its own online status.
        if (op === 'login' && connection.session && socket.readyState === socket.OPEN) {
          presenceReported = true;
          ctx.presence
            .connected(connection.session)
            .catch((error: unknown) => ctx.log.warn({ err: error }, 'presence: connection not counted'));
        }
      }, fail)
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
    if (!connection.session) return;
    void ctx.bus.remove(connection.session);
    if (presenceReported)
      ctx.presence
        .disconnected(connection.session)
        .catch((error: unknown) => ctx.log.warn({ err: error }, 'presence: disconnection not counted'));
  });
}
