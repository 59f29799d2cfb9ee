import WebSocket from 'ws';
import { createNodeFiles } from './node-files';
import { BaseSocket } from './base-socket';
import { memoryStorage, noSubscription, type Platform } from '../plugin/platform';

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

class NodeSocket extends BaseSocket {
  private readonly socket: WebSocket;

  constructor(url: string) {
    super();
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
}
