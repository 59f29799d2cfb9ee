import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { SOCKET_PATH } from '../plugin/protocol';
import { serveSocket } from './gateway';
import { createFileService } from './files/routes';
import { GroupCommit } from './group-commit';
import { Hub } from './hub';
import { createLogger, type LogLevel } from './logger';
import { WorkerStore } from './store/worker-store';

export interface AppCredentials {
  SDKAppID: number;
  secretKey: string;
}

export interface ServerOptions {
  /** Port to listen on; 0 picks a free one. Default 8080. */
  port?: number;
  /** Interface to listen on. Default: all. */
  host?: string;
  /** Folder for the SQLite file, uploads (`uploads/`) and stored files (`files/`). Default `./data`. */
  dataDir?: string;
  apps: AppCredentials[];
  logLevel?: LogLevel;
  /** WebSocket ping interval; a connection that misses two pings is dropped. Default 30 s. */
  heartbeatMs?: number;
}

export interface RunningServer {
  /** `http://host:port`: the address to give the SDK as `serverURL`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The largest frame accepted; bigger ones close the socket (1009), the rest are answered. */
const MAX_FRAME_BYTES = 256 * 1024;

const SHUTDOWN_GRACE_MS = 1000;

/** Waits for the close handshakes, then cuts whatever is left. */
async function waitForSocketsToClose(wss: WebSocketServer, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const socket of wss.clients) socket.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}

function handleHttp(request: IncomingMessage, response: ServerResponse, files: { handle(request: IncomingMessage, response: ServerResponse): boolean }): void {
  if (files.handle(request, response)) return;
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (!Array.isArray(options.apps) || options.apps.length === 0) throw new TypeError('startServer: apps must list at least one { SDKAppID, secretKey }');
  const log = createLogger(options.logLevel ?? 'info');
  const dataDir = options.dataDir ?? 'data';
  const store = await WorkerStore.open(dataDir);
  const hub = new Hub();
  const groupCommit = new GroupCommit(store, (error) => log.error({ err: error }, 'commit failed'));
  const secretKeys = new Map(options.apps.map((app) => [app.SDKAppID, app.secretKey]));

  const files = await createFileService(dataDir, secretKeys, log);
  const http = createServer((request, response) => handleHttp(request, response, files));
  const wss = new WebSocketServer({ server: http, path: SOCKET_PATH, maxPayload: MAX_FRAME_BYTES });
  const answeredPing = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (socket) => {
    answeredPing.set(socket, true);
    socket.on('pong', () => answeredPing.set(socket, true));
    serveSocket(socket, { store, hub, groupCommit, secretKeys, files: files.store, log });
  });
  const heartbeat = setInterval(() => {
    for (const socket of wss.clients) {
      if (!answeredPing.get(socket)) socket.terminate();
      else {
        answeredPing.set(socket, false);
        socket.ping();
      }
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 8080, options.host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  log.info({ port }, 'listening');

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(heartbeat);
      for (const socket of wss.clients) socket.close(1001, 'server shutting down');
      await waitForSocketsToClose(wss, SHUTDOWN_GRACE_MS);
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await groupCommit.drained();
      await store.close();
    })());

  return { url: `http://${options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : 'localhost'}:${port}`, port, close };
}
