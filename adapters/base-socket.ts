import type { PlatformSocket, SocketCloseEvent } from '../plugin/platform';

const noop = (): void => undefined;

/** The handler slots every PlatformSocket has; each platform's socket calls `handle*` from its own events. */
export abstract class BaseSocket implements PlatformSocket {
  protected handleOpen: () => void = noop;
  protected handleMessage: (text: string) => void = noop;
  protected handleClose: (event: SocketCloseEvent) => void = noop;
  protected handleError: (error: Error) => void = noop;

  abstract send(text: string): void;
  abstract close(code?: number, reason?: string): void;

  onOpen(callback: () => void): void {
    this.handleOpen = callback;
  }

  onMessage(callback: (text: string) => void): void {
    this.handleMessage = callback;
  }

  onClose(callback: (event: SocketCloseEvent) => void): void {
    this.handleClose = callback;
  }

  onError(callback: (error: Error) => void): void {
    this.handleError = callback;
  }
}
