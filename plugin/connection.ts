import type { Platform, PlatformSocket, SocketCloseEvent } from './platform';
import { backoff } from './backoff';
import { TYPES, type NetState } from '../protocol/constants';
import { ChatError, ErrorCode } from '../protocol/errors';
import { parseServerFrame } from './server-frames';
import { CLOSE_LOGIN_FAILED, type PushFrame } from '../protocol/frames';
import type { OperationName, Operations } from '../protocol/operations';

export const REQUEST_TIMEOUT_MS = 15_000;
/** How long a socket that looks open may take to answer a ping after the app comes back. */
export const LIVENESS_TIMEOUT_MS = 5_000;

export type RequestFn = <Op extends OperationName>(op: Op, d: Operations[Op]['req']) => Promise<Operations[Op]['res']>;

export interface ConnectionOptions {
  platform: Pick<Platform, 'connectSocket'>;
  url: string;
  /** Runs on every new socket before it counts as connected (the login); its failure closes the socket. */
  handshake(request: RequestFn): Promise<void>;
  onPush(frame: PushFrame): void;
  onStateChange(state: NetState): void;
  /** An error frame: the server could not match something we sent to a request. */
  onServerError(error: ChatError): void;
  /** A reconnect (not the first connect) finished its handshake. */
  onReconnected(): void;
  /** The connection gave up for good after the first connect (e.g. the re-login was refused). */
  onTerminated(error: ChatError): void;
  requestTimeoutMs?: number;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  random?: () => number;
}

type Phase = 'idle' | 'connecting' | 'handshaking' | 'ready' | 'waiting' | 'stopped';

interface Pending {
  resolve(value: unknown): void;
  reject(error: ChatError): void;
  timer: ReturnType<typeof setTimeout>;
}

interface Deferred {
  resolve(): void;
  reject(error: ChatError): void;
}

/** Codes after which trying again with the same credentials cannot help. */
const FATAL_CODES: ReadonlySet<number> = new Set([
  ErrorCode.LOGIN_FAILED,
  ErrorCode.USERSIG_EXPIRED,
  ErrorCode.INVALID_PARAMETER,
]);

/**
 * One logical connection to the server over a series of sockets: request/response
 * matching, pushes, and reconnect with backoff plus handshake after an unexpected close.
 */
export class Connection {
  private phase: Phase = 'idle';
  private state: NetState = TYPES.NET_STATE_DISCONNECTED;
  private socket: PlatformSocket | null = null;
  /** Bumped for every socket and every drop; callbacks carrying an older id are ignored. */
  private socketID = 0;
  private nextRequestID = 1;
  private readonly pending = new Map<number, Pending>();
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private firstConnect: Deferred | null = null;

  constructor(private readonly options: ConnectionOptions) {}

  /** Connects and runs the handshake once. A failure here is final: no reconnect. */
  start(): Promise<void> {
    if (this.phase !== 'idle')
      return Promise.reject(new ChatError(ErrorCode.NETWORK_ERROR, 'This connection was already started.'));
    return new Promise<void>((resolve, reject) => {
      this.firstConnect = { resolve, reject };
      this.openSocket();
    });
  }

  /** Closes for good: waiting requests fail with 2800 and nothing reconnects. */
  stop(reason = 'The connection was closed.'): void {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    this.clearTimers();
    const socket = this.socket;
    this.socket = null;
    this.socketID++;
    if (socket) safeClose(socket, 1000, 'logout');
    this.failPending(reason);
    this.firstConnect?.reject(new ChatError(ErrorCode.NETWORK_ERROR, reason));
    this.firstConnect = null;
    this.setState(TYPES.NET_STATE_DISCONNECTED);
  }

  get isReady(): boolean {
    return this.phase === 'ready';
  }

  /** Sends a request once connected and logged in; while the socket is down it fails at once with 2800. */
  request<Op extends OperationName>(op: Op, d: Operations[Op]['req']): Promise<Operations[Op]['res']> {
    if (this.phase !== 'ready') {
      return Promise.reject(
        new ChatError(
          ErrorCode.NETWORK_ERROR,
          `Not connected to the server (${this.phase}); "${op}" was not sent. Try again once NET_STATE_CHANGE reports connected.`,
        ),
      );
    }
    return this.send(op, d);
  }

  /**
   * The platform says the app is back in the foreground or on line. A reconnect waiting out its
   * backoff goes now; a socket that looks open is pinged, since a mini-program's socket can die
   * in the background without a close event, and dropped if it does not answer.
   */
  resume(): void {
    if (this.phase === 'waiting') {
      this.clearTimers();
      this.attempt = 0;
      this.openSocket();
    } else if (this.phase === 'ready') {
      const id = this.socketID;
      this.send('ping', {}, LIVENESS_TIMEOUT_MS).catch(() =>
        this.dropSocket(id, 'The socket did not answer after the app came back.'),
      );
    }
  }

  private send<Op extends OperationName>(
    op: Op,
    d: Operations[Op]['req'],
    timeoutMs = this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
  ): Promise<Operations[Op]['res']> {
    const socket = this.socket;
    if (!socket)
      return Promise.reject(new ChatError(ErrorCode.NETWORK_ERROR, `The socket is down; "${op}" was not sent.`));
    const id = this.nextRequestID++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new ChatError(ErrorCode.NETWORK_TIMEOUT, `The server did not answer "${op}" within ${timeoutMs / 1000} s.`),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve, reject, timer });
      try {
        socket.send(JSON.stringify({ t: 'req', id, op, d }));
      } catch (error) {
        this.settle(id, () =>
          reject(
            new ChatError(ErrorCode.NETWORK_ERROR, `Could not send "${op}": the socket failed.`, { cause: error }),
          ),
        );
        this.dropSocket(this.socketID, 'The socket failed while sending.');
      }
    });
  }

  private openSocket(): void {
    const id = ++this.socketID;
    this.phase = 'connecting';
    this.setState(TYPES.NET_STATE_CONNECTING);
    const current = () => id === this.socketID;
    let socket: PlatformSocket;
    try {
      socket = this.options.platform.connectSocket(this.options.url);
    } catch (error) {
      this.dropSocket(id, `Could not open a socket to ${this.options.url}: ${errorText(error)}`);
      return;
    }
    this.socket = socket;
    socket.onOpen(() => current() && this.handshake(id));
    socket.onMessage((text) => current() && this.receive(text));
    socket.onClose((event) => current() && this.dropSocket(id, closeText(event), event.code));
    socket.onError((error) => current() && this.dropSocket(id, `Socket error: ${errorText(error)}`));
    const timeoutMs = this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.connectTimer = setTimeout(
      () => this.dropSocket(id, `Could not connect to ${this.options.url} within ${timeoutMs / 1000} s.`),
      timeoutMs,
    );
  }

  private handshake(id: number): void {
    this.clearConnectTimer();
    this.phase = 'handshaking';
    const request: RequestFn = (op, d) =>
      id === this.socketID
        ? this.send(op, d)
        : Promise.reject(new ChatError(ErrorCode.NETWORK_ERROR, 'The socket was replaced.'));
    this.options.handshake(request).then(
      () => {
        if (id !== this.socketID) return;
        this.phase = 'ready';
        this.attempt = 0;
        this.setState(TYPES.NET_STATE_CONNECTED);
        if (this.firstConnect) {
          this.firstConnect.resolve();
          this.firstConnect = null;
        } else {
          this.options.onReconnected();
        }
      },
      (error: unknown) => {
        if (id !== this.socketID) return;
        const chatError = toChatError(error);
        if (this.firstConnect || FATAL_CODES.has(chatError.code)) return this.terminate(chatError);
        this.dropSocket(id, `The handshake failed: ${chatError.message}`);
      },
    );
  }

  private receive(text: string): void {
    const frame = parseServerFrame(text);
    if (!frame) return;
    if (frame.t === 'res') {
      const code = frame.code;
      this.settle(frame.id, (pending) => {
        if (code === 0) pending.resolve(frame.d ?? {});
        else
          pending.reject(
            new ChatError(
              code,
              frame.msg || `The server answered with code ${code}.`,
              frame.d === undefined ? {} : { data: frame.d },
            ),
          );
      });
    } else if (frame.t === 'push') {
      this.options.onPush(frame);
    } else {
      this.options.onServerError(new ChatError(frame.code, frame.msg || `The server reported error ${frame.code}.`));
    }
  }

  /** Forgets socket `id` (if still current), fails its requests, and reconnects unless this is final. */
  private dropSocket(id: number, reason: string, closeCode?: number): void {
    if (id !== this.socketID || this.phase === 'stopped') return;
    const socket = this.socket;
    this.socket = null;
    this.socketID++;
    this.clearConnectTimer();
    if (socket) safeClose(socket);
    this.failPending(reason);
    if (this.firstConnect) return this.terminate(new ChatError(ErrorCode.NETWORK_ERROR, reason));
    if (closeCode === CLOSE_LOGIN_FAILED)
      return this.terminate(
        new ChatError(ErrorCode.LOGIN_FAILED, 'The server refused the login and closed the connection.'),
      );
    this.setState(TYPES.NET_STATE_DISCONNECTED);
    this.scheduleReconnect();
  }

  private terminate(error: ChatError): void {
    const first = this.firstConnect;
    this.firstConnect = null;
    this.stop(error.message);
    if (first) first.reject(error);
    else this.options.onTerminated(error);
  }

  private scheduleReconnect(): void {
    this.phase = 'waiting';
    const delay = backoff(
      this.attempt++,
      this.options.reconnectMinMs ?? 500,
      this.options.reconnectMaxMs ?? 10_000,
      this.options.random,
    );
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.openSocket();
    }, delay);
  }

  private settle(id: number, action: (pending: Pending) => void): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    action(pending);
  }

  private failPending(reason: string): void {
    for (const id of [...this.pending.keys()]) {
      this.settle(id, (pending) =>
        pending.reject(
          new ChatError(ErrorCode.NETWORK_ERROR, `The connection closed before the server answered: ${reason}`),
        ),
      );
    }
  }

  private setState(state: NetState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.onStateChange(state);
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  private clearTimers(): void {
    this.clearConnectTimer();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }
}

function safeClose(socket: PlatformSocket, code?: number, reason?: string): void {
  try {
    socket.close(code, reason);
  } catch {
    // Already closed or never opened; nothing left to release.
  }
}

function toChatError(error: unknown): ChatError {
  return error instanceof ChatError
    ? error
    : new ChatError(ErrorCode.NETWORK_ERROR, errorText(error), { cause: error });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function closeText(event: SocketCloseEvent): string {
  return `The socket closed (code ${event.code}${event.reason ? `, ${event.reason}` : ''}).`;
}
