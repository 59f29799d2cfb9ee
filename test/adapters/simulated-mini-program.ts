import { readFileSync, statSync } from 'node:fs';
import WebSocket from 'ws';

/**
 * `wx` and `uni` as the SDK meets them, with result shapes exactly as their docs give them,
 * and sockets backed by real connections:
 * - wx.connectSocket / SocketTask: https://developers.weixin.qq.com/miniprogram/dev/api/network/websocket/wx.connectSocket.html
 *   and .../SocketTask.html (onOpen `{ header, profile }`, onMessage `{ data }`, onClose `{ code, reason }`, onError `{ errMsg }`)
 * - uni.connectSocket: https://uniapp.dcloud.net.cn/api/request/websocket.html — "to get a SocketTask back, pass at
 *   least one of success / fail / complete"; otherwise it returns a Promise.
 * - wx.getStorage / setStorage / removeStorage: https://developers.weixin.qq.com/miniprogram/dev/api/storage/wx.getStorage.html
 *   (a missing key fails with `getStorage:fail data not found`)
 * - wx.onAppShow / onAppHide / offAppShow / offAppHide: https://developers.weixin.qq.com/miniprogram/dev/api/base/app/app-event/wx.onAppShow.html
 * - wx.onNetworkStatusChange `{ isConnected, networkType }`: https://developers.weixin.qq.com/miniprogram/dev/api/device/network/wx.onNetworkStatusChange.html
 * - wx.request: https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html — methods OPTIONS, GET,
 *   HEAD, POST, PUT, DELETE, TRACE, CONNECT (no PATCH); success `{ data, statusCode, header, cookies, errMsg }`; `data` is
 *   parsed as JSON only when `dataType` is 'json' (the default)
 * - FileSystemManager.readFile `{ filePath, position, length }` → `{ data: ArrayBuffer }`, statSync → Stats with `size`:
 *   https://developers.weixin.qq.com/miniprogram/dev/api/file/FileSystemManager.readFile.html
 * Temp files are `wxfile://tmp_…` paths, not filesystem paths: `tempFile()` makes one backed by a real file.
 */

type Listener<T> = (result: T) => void;
interface Callbacks<S, F = { errMsg: string }> {
  success?: Listener<S>;
  fail?: Listener<F>;
  complete?: Listener<S | F>;
}

function finish<S, F>(options: Callbacks<S, F>, outcome: { ok: true; result: S } | { ok: false; result: F }): void {
  if (outcome.ok) options.success?.(outcome.result);
  else options.fail?.(outcome.result);
  options.complete?.(outcome.result);
}

class SimulatedSocketTask {
  private readonly socket: WebSocket;
  private listeners = {
    open: [] as Listener<{ header: Record<string, string>; profile: Record<string, number> }>[],
    message: [] as Listener<{ data: string | ArrayBuffer }>[],
    close: [] as Listener<{ code: number; reason: string }>[],
    error: [] as Listener<{ errMsg: string }>[],
  };

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('open', () => this.listeners.open.forEach((l) => l({ header: {}, profile: {} })));
    this.socket.on('message', (data, isBinary) => {
      const payload = isBinary ? new Uint8Array(data as Buffer).buffer : data.toString();
      this.listeners.message.forEach((l) => l({ data: payload }));
    });
    this.socket.on('close', (code, reason) =>
      this.listeners.close.forEach((l) => l({ code, reason: reason.toString() })),
    );
    this.socket.on('error', (error) => this.listeners.error.forEach((l) => l({ errMsg: error.message })));
  }

  send(options: { data: string | ArrayBuffer } & Callbacks<{ errMsg: string }>): void {
    if (this.socket.readyState !== WebSocket.OPEN)
      return finish(options, { ok: false, result: { errMsg: 'sendSocketMessage:fail WebSocket is not connected' } });
    this.socket.send(options.data);
    finish(options, { ok: true, result: { errMsg: 'sendSocketMessage:ok' } });
  }

  close(options: { code?: number; reason?: string } & Callbacks<{ errMsg: string }> = {}): void {
    this.socket.close(options.code ?? 1000, options.reason);
    finish(options, { ok: true, result: { errMsg: 'closeSocket:ok' } });
  }

  onOpen(listener: (typeof this.listeners.open)[number]): void {
    this.listeners.open.push(listener);
  }
  onMessage(listener: (typeof this.listeners.message)[number]): void {
    this.listeners.message.push(listener);
  }
  onClose(listener: (typeof this.listeners.close)[number]): void {
    this.listeners.close.push(listener);
  }
  onError(listener: (typeof this.listeners.error)[number]): void {
    this.listeners.error.push(listener);
  }

  /** What WeChat does to a hidden app's socket: it stops working, with no close event. */
  dieSilently(): void {
    this.listeners = { open: [], message: [], close: [], error: [] };
    this.socket.terminate();
  }
}

interface AppShowResult {
  path: string;
  scene: number;
  query: Record<string, string>;
  referrerInfo: Record<string, unknown>;
}

/** A simulated `wx` (or, with `flavour: 'uni'`, `uni`), plus controls to play the platform's part. */
export function simulateMiniProgram(flavour: 'wx' | 'uni') {
  const storage = new Map<string, unknown>();
  const tasks: SimulatedSocketTask[] = [];
  const appShow = new Set<Listener<AppShowResult>>();
  const appHide = new Set<Listener<Record<string, never>>>();
  const network = new Set<Listener<{ isConnected: boolean; networkType: string }>>();

  const tempFiles = new Map<string, string>();
  const realPath = (filePath: string) => {
    const path = tempFiles.get(filePath);
    if (!path) throw new Error(`no such file or directory, open ${filePath}`);
    return path;
  };
  const REQUEST_METHODS = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT'];

  const api = {
    request(
      options: {
        url: string;
        method?: string;
        header?: Record<string, string>;
        data?: ArrayBuffer | string;
        dataType?: string;
      } & Callbacks<{
        data: unknown;
        statusCode: number;
        header: Record<string, string>;
        cookies: string[];
        errMsg: string;
      }>,
    ) {
      const method = options.method ?? 'GET';
      if (!REQUEST_METHODS.includes(method))
        return finish(options, {
          ok: false,
          result: {
            errMsg: `request:fail parameter error: parameter.method should be one of ${REQUEST_METHODS.join(', ')}`,
          },
        });
      const body =
        options.data === undefined || method === 'GET' || method === 'HEAD'
          ? undefined
          : typeof options.data === 'string'
            ? options.data
            : Buffer.from(options.data);
      fetch(options.url, { method, headers: options.header, body }).then(
        async (response) => {
          const text = await response.text();
          const header: Record<string, string> = {};
          response.headers.forEach((value, name) => (header[name] = value));
          let data: unknown = text;
          if ((options.dataType ?? 'json') === 'json') {
            try {
              data = JSON.parse(text);
            } catch {
              data = text;
            }
          }
          finish(options, {
            ok: true,
            result: { data, statusCode: response.status, header, cookies: [], errMsg: 'request:ok' },
          });
        },
        (error: Error) => finish(options, { ok: false, result: { errMsg: `request:fail ${error.message}` } }),
      );
      return { abort: () => undefined };
    },
    getFileSystemManager() {
      return {
        readFile(options: { filePath: string; position?: number; length?: number } & Callbacks<{ data: ArrayBuffer }>) {
          try {
            const bytes = readFileSync(realPath(options.filePath));
            const start = options.position ?? 0;
            const slice = bytes.subarray(start, options.length === undefined ? undefined : start + options.length);
            finish(options, {
              ok: true,
              result: { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.length) },
            });
          } catch (error) {
            finish(options, { ok: false, result: { errMsg: `readFile:fail ${(error as Error).message}` } });
          }
        },
        statSync(path: string) {
          return { size: statSync(realPath(path)).size, isFile: () => true, isDirectory: () => false };
        },
      };
    },
    connectSocket(options: { url: string } & Callbacks<{ errMsg: string }>) {
      const hasCallback = options.success || options.fail || options.complete;
      const task = new SimulatedSocketTask(options.url);
      tasks.push(task);
      finish(options, { ok: true, result: { errMsg: 'connectSocket:ok' } });
      if (flavour === 'uni' && !hasCallback) return Promise.resolve({ errMsg: 'connectSocket:ok' });
      return task;
    },
    getStorage(options: { key: string } & Callbacks<{ data: unknown; errMsg: string }>) {
      if (storage.has(options.key))
        finish(options, { ok: true, result: { data: storage.get(options.key), errMsg: 'getStorage:ok' } });
      else finish(options, { ok: false, result: { errMsg: 'getStorage:fail data not found' } });
    },
    setStorage(options: { key: string; data: unknown } & Callbacks<{ errMsg: string }>) {
      storage.set(options.key, options.data);
      finish(options, { ok: true, result: { errMsg: 'setStorage:ok' } });
    },
    removeStorage(options: { key: string } & Callbacks<{ errMsg: string }>) {
      storage.delete(options.key);
      finish(options, { ok: true, result: { errMsg: 'removeStorage:ok' } });
    },
    onAppShow: (listener: Listener<AppShowResult>) => void appShow.add(listener),
    offAppShow: (listener: Listener<AppShowResult>) => void appShow.delete(listener),
    onAppHide: (listener: Listener<Record<string, never>>) => void appHide.add(listener),
    offAppHide: (listener: Listener<Record<string, never>>) => void appHide.delete(listener),
    onNetworkStatusChange: (listener: Listener<{ isConnected: boolean; networkType: string }>) =>
      void network.add(listener),
    offNetworkStatusChange: (listener: Listener<{ isConnected: boolean; networkType: string }>) =>
      void network.delete(listener),
  };

  let nextTempFile = 1;
  return {
    api,
    storage,
    /** A picked file as the platform names it (`wxfile://tmp_…`), backed by the real file at `path`. */
    tempFile(path: string, extension: string): string {
      const name = `${flavour === 'wx' ? 'wxfile://' : 'http://tmp/'}tmp_${nextTempFile++}.${extension}`;
      tempFiles.set(name, path);
      return name;
    },
    /** The app goes to the background and, as on a device, its sockets die without a close event. */
    hideApp() {
      appHide.forEach((listener) => listener({}));
      tasks.splice(0).forEach((task) => task.dieSilently());
    },
    showApp() {
      appShow.forEach((listener) => listener({ path: 'pages/chat/chat', scene: 1001, query: {}, referrerInfo: {} }));
    },
    setNetwork(isConnected: boolean) {
      network.forEach((listener) => listener({ isConnected, networkType: isConnected ? 'wifi' : 'none' }));
    },
    get listenerCount() {
      return appShow.size + appHide.size + network.size;
    },
  };
}
