import WebSocket from 'ws';
import { createNodeFiles } from './node-files';
import { memoryStorage, noSubscription, type Platform, type PlatformSocket, type SocketCloseEvent } from './platform';

/** Node.js: sockets from the `ws` package; HTTP and files from node:http(s) and node:fs. */
export function createNodePlatform(): Platform {
  return {
    ...createNodeFiles(),
    name: 'node',
    isSupported: () => typeof process !== 'undefined' && typeof process.versions?.node === 'string',
    connectSocket: (url) => new NodeSocket(url),
    // A Node process has no app lifecycle and no per-user storage; the outbox lives as long as the process.
    storage: memoryStorage(),
    onAppShow: () => noSubscription,
    onAppHide: () => noSubscription,
    onNetworkChange: () => noSubscription,
  };
}

const noop = (): void => undefined;

class NodeSocket implements PlatformSocket {
  private readonly socket: WebSocket;
  private handleOpen: () => void = noop;
  private handleMessage: (text: string) => void = noop;
  private handleClose: (event: SocketCloseEvent) => void = noop;
  private handleError: (error: Error) => void = noop;

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('open', () => this.handleOpen());
    this.socket.on('message', (data, isBinary) => {
      if (!isBinary) this.handleMessage(data.toString());
    });
    this.socket.on('close', (code, reason) => this.handleClose({ code, reason: reason.toString() }));
    this.socket.on('error', (error) => this.handleError(error));
  }

  send(text: string): void {
    this.socket.send(text);
  }

  close(code?: number, reason?: string): void {
    this.socket.close(code, reason);
  }

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
