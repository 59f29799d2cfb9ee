import { webFiles } from './web-files';
import {
  memoryStorage,
  type Platform,
  type PlatformSocket,
  type PlatformStorage,
  type SocketCloseEvent,
  type Unsubscribe,
} from '../plugin/platform';

/** The browser APIs this adapter uses, read from `globalThis` when used. */
interface BrowserGlobals {
  WebSocket?: new (url: string) => BrowserWebSocket;
  localStorage?: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
  };
  document?: {
    visibilityState: string;
    addEventListener(type: string, listener: () => void): void;
    removeEventListener(type: string, listener: () => void): void;
  };
  addEventListener?(type: string, listener: () => void): void;
  removeEventListener?(type: string, listener: () => void): void;
}

interface BrowserWebSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: (() => void) | null;
}

const browser = () => globalThis as unknown as BrowserGlobals;

class WebSocketSocket implements PlatformSocket {
  private readonly socket: BrowserWebSocket;

  constructor(url: string) {
    const { WebSocket } = browser();
    if (!WebSocket) throw new Error('WebSocket is not available in this browser');
    this.socket = new WebSocket(url);
  }

  send(text: string): void {
    this.socket.send(text);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

  onOpen(callback: () => void): void {
    this.socket.onopen = () => callback();
  }

  onMessage(callback: (text: string) => void): void {
    this.socket.onmessage = ({ data }) => {
      if (typeof data === 'string') callback(data);
    };
  }

  onClose(callback: (event: SocketCloseEvent) => void): void {
    this.socket.onclose = ({ code, reason }) => callback({ code, reason });
  }

  onError(callback: (error: Error) => void): void {
    this.socket.onerror = () => callback(new Error('WebSocket error'));
  }
}

/** localStorage where the page may use it (it throws in some private modes), else memory. */
function webStorage(): PlatformStorage {
  const fallback = memoryStorage();
  const local = () => {
    try {
      return browser().localStorage ?? null;
    } catch {
      return null;
    }
  };
  return {
    getItem: async (key) => local()?.getItem(key) ?? fallback.getItem(key),
    setItem: async (key, value) => {
      const storage = local();
      if (storage) storage.setItem(key, value);
      else await fallback.setItem(key, value);
    },
    removeItem: async (key) => {
      local()?.removeItem(key);
      await fallback.removeItem(key);
    },
  };
}

function onWindow(type: string, listener: () => void): Unsubscribe {
  const globals = browser();
  globals.addEventListener?.(type, listener);
  return () => globals.removeEventListener?.(type, listener);
}

function onVisibility(visible: boolean, callback: () => void): Unsubscribe {
  const { document } = browser();
  if (!document) return () => undefined;
  const listener = () => (document.visibilityState === 'visible') === visible && callback();
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

/** Browsers (and anything with a standard `WebSocket`). */
export function createWebPlatform(): Platform {
  return {
    ...webFiles(),
    name: 'web',
    isSupported: () => typeof browser().WebSocket === 'function',
    connectSocket: (url) => new WebSocketSocket(url),
    storage: webStorage(),
    onAppShow: (callback) => onVisibility(true, callback),
    onAppHide: (callback) => onVisibility(false, callback),
    onNetworkChange: (callback) => {
      const offOnline = onWindow('online', () => callback(true));
      const offOffline = onWindow('offline', () => callback(false));
      return () => {
        offOnline();
        offOffline();
      };
    },
  };
}
