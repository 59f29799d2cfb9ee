/**
 * What the core needs from a platform. `plugin/` sees only this interface; each file in
 * `adapters/` implements it for one runtime: wx, uni, web and node.
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

/** Small string values kept across app restarts where the platform can (wx/uni storage, localStorage). */
export interface PlatformStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

export type Unsubscribe = () => void;

export interface Platform {
  /** Short, stable name used in error messages: 'node', 'wx', 'uni', 'web'. */
  readonly name: string;
  /** True when this runtime has what the adapter needs. */
  isSupported(): boolean;
  /** Starts connecting at once; the socket reports through its handlers. */
  connectSocket(url: string): PlatformSocket;
  readonly storage: PlatformStorage;
  /** The app came back to the foreground: a mini-program's sockets may have died while it was hidden. */
  onAppShow(callback: () => void): Unsubscribe;
  onAppHide(callback: () => void): Unsubscribe;
  /** The device went on or off line. */
  onNetworkChange(callback: (online: boolean) => void): Unsubscribe;
}

export const noSubscription: Unsubscribe = () => undefined;

/** Storage for runtimes without a persistent one (Node): kept for the life of the process. */
export function memoryStorage(): PlatformStorage {
  const values = new Map<string, string>();
  return {
    getItem: async (key) => values.get(key) ?? null,
    setItem: async (key, value) => void values.set(key, value),
    removeItem: async (key) => void values.delete(key),
  };
}
