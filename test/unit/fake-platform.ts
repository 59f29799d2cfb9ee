import {
  memoryStorage,
  type FileDescriptor,
  type Platform,
  type PlatformResponse,
  type PlatformSocket,
  type SocketCloseEvent,
  type Unsubscribe,
} from '../../plugin/platform';
import type { RequestFrame } from '../../protocol/frames';

/** A socket the test drives by hand: `open()`, `deliver(frame)`, `serverClose()`. */
export class FakeSocket implements PlatformSocket {
  readonly sent: RequestFrame[] = [];
  closedByClient: { code?: number; reason?: string } | null = null;
  /** Called for every request the client sends, e.g. to answer it. */
  onRequest: (frame: RequestFrame) => void = () => undefined;
  private handlers = {
    open: () => undefined as void,
    message: (_text: string) => undefined as void,
    close: (_event: SocketCloseEvent) => undefined as void,
    error: (_error: Error) => undefined as void,
  };

  constructor(readonly url: string) {}

  send(text: string): void {
    const frame = JSON.parse(text) as RequestFrame;
    this.sent.push(frame);
    this.onRequest(frame);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
  }

  onOpen(callback: () => void): void {
    this.handlers.open = callback;
  }

  onMessage(callback: (text: string) => void): void {
    this.handlers.message = callback;
  }

  onClose(callback: (event: SocketCloseEvent) => void): void {
    this.handlers.close = callback;
  }

  onError(callback: (error: Error) => void): void {
    this.handlers.error = callback;
  }

  open(): void {
    this.handlers.open();
  }

  deliver(frame: unknown): void {
    this.handlers.message(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  reply(request: RequestFrame, d: unknown = {}, code = 0, msg?: string): void {
    this.deliver(code === 0 ? { t: 'res', id: request.id, code, d } : { t: 'res', id: request.id, code, msg });
  }

  serverClose(code = 1006, reason = ''): void {
    this.handlers.close({ code, reason });
  }

  fail(error = new Error('boom')): void {
    this.handlers.error(error);
  }
}

export class FakePlatform implements Platform {
  readonly name = 'fake';
  readonly canPatch = true;
  readonly sockets: FakeSocket[] = [];
  /** Called for each new socket, e.g. to open it and answer its requests. */
  onSocket: (socket: FakeSocket) => void = () => undefined;

  readonly storage = memoryStorage();
  private readonly listeners = {
    show: new Set<() => void>(),
    hide: new Set<() => void>(),
    network: new Set<(online: boolean) => void>(),
  };

  isSupported(): boolean {
    return true;
  }

  onAppShow(callback: () => void): Unsubscribe {
    return this.subscribe(this.listeners.show, callback);
  }

  onAppHide(callback: () => void): Unsubscribe {
    return this.subscribe(this.listeners.hide, callback);
  }

  onNetworkChange(callback: (online: boolean) => void): Unsubscribe {
    return this.subscribe(this.listeners.network, callback);
  }

  /** Plays the platform's part: the app came to the foreground. */
  showApp(): void {
    this.listeners.show.forEach((listener) => listener());
  }

  hideApp(): void {
    this.listeners.hide.forEach((listener) => listener());
  }

  setOnline(online: boolean): void {
    this.listeners.network.forEach((listener) => listener(online));
  }

  private subscribe<T>(set: Set<T>, listener: T): Unsubscribe {
    set.add(listener);
    return () => set.delete(listener);
  }

  connectSocket(url: string): FakeSocket {
    const socket = new FakeSocket(url);
    this.sockets.push(socket);
    this.onSocket(socket);
    return socket;
  }

  /** No HTTP in unit tests: uploads are tested against the real server (test/integration). */
  async request(): Promise<PlatformResponse> {
    throw new Error('FakePlatform has no HTTP');
  }

  describeFile(): FileDescriptor | null {
    return null;
  }

  async readFile(): Promise<ArrayBuffer> {
    throw new Error('FakePlatform has no files');
  }

  get last(): FakeSocket {
    const socket = this.sockets[this.sockets.length - 1];
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }
}

/** Lets pending promise callbacks run (fake timers do not run them). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
