/**
 * What the core needs from a platform. `plugin/` sees only this interface; each file in
 * `adapters/` implements it for one runtime (node today; wx, uni and web to come).
 */

export interface SocketCloseEvent {
  code: number;
  reason: string;
}

/** One WebSocket, shaped so a wx / uni SocketTask or a browser WebSocket can back it. Each `on*` sets the one handler. */
export interface PlatformSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
  onOpen(callback: () => void): void;
  onMessage(callback: (text: string) => void): void;
  onClose(callback: (event: SocketCloseEvent) => void): void;
  onError(callback: (error: Error) => void): void;
}

export interface Platform {
  /** Short, stable name used in error messages: 'node', 'wx', 'uni', 'web'. */
  readonly name: string;
  /** True when this runtime has what the adapter needs. */
  isSupported(): boolean;
  /** Starts connecting at once; the socket reports through its handlers. */
  connectSocket(url: string): PlatformSocket;
}
