import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { SOCKET_PATH } from '../protocol/frames';
import { DEV_USERSIG_PATH, DEV_WARNING, serveDevUserSig } from './dev-usersig';
import { connectionLimitStats, type ConnectionLimitStats } from './connection-limits';
import { serveSocket } from './gateway';
import { GroupCommit } from './group-commit';
import { openEngines, type EngineHealth, type SharedEngineOptions } from './engines';
import { webhookOfflinePush, wordListModeration, type HookStats, type ServerHooks } from './hooks';
import { webhookSpeechToText, webhookTranslate } from './language-hooks';
import type { ServerSettings } from './settings';
import { createLogger, type LogLevel } from './logger';
import { serveStatic, type StaticHandler } from './static';
import { RequestDrain } from './request-drain';

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
  /**
   * Friend check, moderation words, push webhook, limits. Default: read from (or written with
   * defaults to) `tidings.config.json` in `dataDir`; fields given here win over the file.
   */
  settings?: Partial<ServerSettings>;
  /** Replace the default moderation (word list) or offline push (webhook) hooks. */
  hooks?: Partial<ServerHooks>;
  /**
   * Development mode: `GET /dev/usersig?userID=x` hands out a userSig (of the first app) to anyone
   * who asks. For demos on your own machine only, never in production. Default false.
   */
  dev?: boolean;
  /** A folder of static files (a web app's build) served for GET paths the API does not own. Default: none. */
  staticDir?: string;
  /**
   * Run as one node of a shared deployment (PostgreSQL, Redis, S3-compatible files) instead of on
   * the data folder: nothing is kept on this machine, so any number of nodes run side by side.
   * `settings` then come from the options alone (no tidings.config.json).
   */
  shared?: SharedEngineOptions;
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
/** How long a shutdown waits for the requests already running (a send's commit, a slow hook) to be answered. */
const SHUTDOWN_DRAIN_MS = 10_000;

/** Waits for the close handshakes, then cuts whatever is left. */
async function waitForSocketsToClose(wss: WebSocketServer, graceMs: number): Promise<void> {
  const deadline = Date.now() + graceMs;
  while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const socket of wss.clients) socket.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}

/** What `/stats` reports: counters an operator watches. */
export interface ServerStats extends HookStats, ConnectionLimitStats {
  droppedGroupMessages: number;
  /** Store transactions for sends so far, and the sends they held (the group commit's batches). */
  storeCommits: number;
  storeCommittedSends: number;
}

/** Paths the API owns: never answered by the static files, whatever they hold. */
const API_PREFIXES = [SOCKET_PATH, '/files', '/stats', '/healthz', '/dev'];

function isAPIPath(path: string): boolean {
  return API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

interface HttpRoutes {
  files: { handle(request: IncomingMessage, response: ServerResponse): boolean };
  stats: () => ServerStats;
  health: () => Promise<EngineHealth>;
  devApp: AppCredentials | null;
  staticFiles: StaticHandler | null;
}

/** `{ ok, engines: { database: 'up' | 'down', … } }`; 503 while an engine is down, so a balancer sends clients elsewhere. */
async function serveHealth(response: ServerResponse, health: () => Promise<EngineHealth>): Promise<void> {
  const engines = await health();
  const ok = Object.values(engines).every((state) => state === 'up');
  response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, engines }));
}

function handleHttp(request: IncomingMessage, response: ServerResponse, routes: HttpRoutes): void {
  if (routes.files.handle(request, response)) return;
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/healthz') return void serveHealth(response, routes.health);
  if (path === '/stats') {
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(routes.stats()));
    return;
  }
  if (path === DEV_USERSIG_PATH && routes.devApp) return serveDevUserSig(request, response, routes.devApp);
  if (routes.staticFiles && !isAPIPath(path)) return routes.staticFiles(request, response);
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
}

function listen(http: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      reject(
        new Error(
          `port ${port} is already in use (another Tidings server, or another program). Stop that one, or pick another port with PORT.`,
        ),
      );
    });
    http.listen(port, host, () => resolve());
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (!Array.isArray(options.apps) || options.apps.length === 0)
    throw new TypeError('startServer: apps must list at least one { SDKAppID, secretKey }');
  // Checked before anything is opened: a missing folder stops the start with nothing to clean up.
  const staticFiles = options.staticDir ? serveStatic(options.staticDir) : null;
  const log = createLogger(options.logLevel ?? 'info');
  const secretKeys = new Map(options.apps.map((app) => [app.SDKAppID, app.secretKey]));
  const engines = await openEngines({
    dataDir: options.dataDir ?? 'data',
    shared: options.shared,
    settings: options.settings,
    secretKeys,
    log,
  });
  const { settings, store, files, bus, presence, limiter, profiles } = engines;
  const groupCommit = new GroupCommit(store, (error) => log.error({ err: error }, 'commit failed'));
  const stats: HookStats = { offlinePushesDelivered: 0, offlinePushesFailed: 0 };
  const connectionStats = connectionLimitStats();
  const hooks: ServerHooks = {
    moderate: options.hooks?.moderate ?? wordListModeration(settings.moderationWords),
    offlinePush: options.hooks?.offlinePush ?? webhookOfflinePush(settings, log, stats),
    translateText: options.hooks?.translateText ?? webhookTranslate(settings),
    speechToText: options.hooks?.speechToText ?? webhookSpeechToText(settings),
  };

  const routes: HttpRoutes = {
    files,
    health: () => engines.health(),
    stats: () => ({
      ...stats,
      ...connectionStats,
      droppedGroupMessages: limiter.dropped,
      storeCommits: groupCommit.counts.commits,
      storeCommittedSends: groupCommit.counts.committedSends,
    }),
    devApp: options.dev ? options.apps[0] : null,
    staticFiles,
  };
  const http = createServer((request, response) => handleHttp(request, response, routes));
  const wss = new WebSocketServer({ server: http, path: SOCKET_PATH, maxPayload: MAX_FRAME_BYTES });
  const drain = new RequestDrain();
  const answeredPing = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (socket, request) => {
    answeredPing.set(socket, true);
    socket.on('pong', () => answeredPing.set(socket, true));
    serveSocket(socket, request.socket, {
      store,
      bus,
      groupCommit,
      limiter,
      secretKeys,
      settings,
      hooks,
      stats,
      files: files.store,
      profiles,
      presence,
      log,
      connectionStats,
      drain,
    });
  });

  // ws re-emits the HTTP server's errors; without a listener a taken port would crash the process.
  wss.on('error', () => undefined);
  try {
    await listen(http, options.port ?? 8080, options.host);
  } catch (error) {
    wss.close();
    await engines.close();
    throw error;
  }
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
  const { port } = http.address() as AddressInfo;
  log.info({ port, staticDir: options.staticDir }, 'listening');
  if (options.dev) log.warn(`${DEV_WARNING}: GET ${DEV_USERSIG_PATH}?userID=x gives anyone a valid userSig`);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(heartbeat);
      // No new connections; requests already running finish and are answered (a send admitted
      // before the signal is committed and acknowledged); later frames are not run.
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      if (!(await drain.stop(SHUTDOWN_DRAIN_MS)))
        log.warn(`requests still running ${SHUTDOWN_DRAIN_MS} ms after shutdown began; closing without their answers`);
      for (const socket of wss.clients) socket.close(1001, 'server shutting down');
      await waitForSocketsToClose(wss, SHUTDOWN_GRACE_MS);
      http.closeAllConnections();
      await httpClosed;
      await groupCommit.drained();
      await engines.close();
    })());

  return {
    url: `http://${options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : 'localhost'}:${port}`,
    port,
    close,
  };
}
