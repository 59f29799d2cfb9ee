import type { Logger } from 'pino';
import type { Bus } from './bus/bus';
import { InProcessBus } from './bus/in-process-bus';
import { lockDataDir } from './data-lock';
import { createFileService, type FileService } from './files/routes';
import { createSharedFileService } from './files/shared-files';
import { GroupLimiter, type GroupBudget } from './group-limiter';
import { InProcessPresence, type Presence, type StatusListener } from './profiles/presence';
import { ProfileCache } from './profiles/profile-cache';
import { connectRedis } from './redis-shared';
import { DEFAULT_SETTINGS, loadSettings, type ServerSettings } from './settings';
import { PgDatabase } from './store/pg/pg-database';
import { openPgStore } from './store/pg/pg-store';
import type { Store } from './store/store';
import { WorkerStore } from './store/worker-store';

/** The engines of a node of a shared deployment: nothing is kept on the node's own disk. */
export interface SharedEngineOptions {
  /** `postgres://…`: messages, conversations, groups, relations and uploads in progress. */
  databaseURL: string;
  /** `redis://…`: pushes to users on other nodes, who is online, the group budgets. */
  redisURL: string;
  /** Put before every key and channel, so deployments can share one Redis. Default `tidings:`. */
  redisKeyPrefix?: string;
  /** Where files go; `endpoint` for an S3-compatible server other than AWS (path-style addressing). */
  s3: { endpoint?: string; bucket: string; region: string };
}

/** Each engine's state: /healthz answers 503 when one is down. */
export type EngineHealth = Record<string, 'up' | 'down'>;

/** What a server runs on: the embedded data folder, or the shared engines of a deployment. */
export interface Engines {
  settings: ServerSettings;
  store: Store;
  files: FileService;
  bus: Bus;
  presence: Presence;
  limiter: GroupBudget;
  profiles: ProfileCache;
  health(): Promise<EngineHealth>;
  /** Closes what was opened, after the server stopped using it. */
  close(): Promise<void>;
}

export interface EngineOptions {
  dataDir: string;
  shared?: SharedEngineOptions;
  settings?: Partial<ServerSettings>;
  secretKeys: ReadonlyMap<number, string>;
  log: Logger;
}

/** Status changes as pushes to the users who must hear them, wherever they are connected. */
function statusPushes(bus: Bus, log: Logger): StatusListener {
  return (app, userIDs, statuses) => {
    bus
      .publish(app, userIDs, 'userStatus', statuses)
      .catch((error: unknown) => log.warn({ err: error }, 'status push failed'));
  };
}

const up = (healthy: boolean) => (healthy ? 'up' : 'down');

/** The data folder (locked to this process): SQLite on its own thread, files on disk, everything else in memory. */
async function openEmbedded(options: EngineOptions): Promise<Engines> {
  const { dataDir, log } = options;
  const unlock = lockDataDir(dataDir);
  const opened: Array<() => Promise<void> | void> = [unlock];
  const closeOpened = async () => {
    for (const close of opened.reverse()) await close();
  };
  try {
    const settings: ServerSettings = { ...DEFAULT_SETTINGS, ...loadSettings(dataDir), ...options.settings };
    const store = await WorkerStore.open(dataDir);
    opened.push(() => store.close());
    const files = await createFileService(dataDir, options.secretKeys, log);
    const bus = new InProcessBus();
    return {
      settings,
      store,
      files,
      bus,
      presence: new InProcessPresence(statusPushes(bus, log)),
      limiter: new GroupLimiter(settings.groupMessagesPerSecond, settings.groupSendGatherMs),
      profiles: new ProfileCache(store, undefined, settings.defaultAllowType),
      // A read through the store's thread: it answers unless that thread or its file failed.
      health: async () => ({
        database: up(
          await store.getProfiles(0, []).then(
            () => true,
            () => false,
          ),
        ),
      }),
      close: closeOpened,
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

/** PostgreSQL, Redis and S3: any number of nodes side by side. */
async function openShared(shared: SharedEngineOptions, options: EngineOptions): Promise<Engines> {
  const { log } = options;
  const settings: ServerSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const opened: Array<() => Promise<void>> = [];
  const closeOpened = async () => {
    for (const close of opened.reverse()) await close();
  };
  try {
    const store = await openPgStore({ connectionString: shared.databaseURL });
    opened.push(() => store.close());
    const uploadsDatabase = new PgDatabase({ connectionString: shared.databaseURL, maxConnections: 4 });
    opened.push(() => uploadsDatabase.close());
    const redis = await connectRedis({ url: shared.redisURL, keyPrefix: shared.redisKeyPrefix, log });
    opened.push(() => redis.close());
    const files = await createSharedFileService({
      s3: shared.s3,
      db: uploadsDatabase,
      secretKeys: options.secretKeys,
      log,
    });
    const profiles = new ProfileCache(store, undefined, settings.defaultAllowType, redis.profileInvalidation);
    return {
      settings,
      store,
      files,
      bus: redis.bus,
      presence: redis.presence(statusPushes(redis.bus, log)),
      limiter: redis.limiter(settings.groupMessagesPerSecond, settings.groupSendGatherMs),
      profiles,
      health: async () => {
        const [database, redisUp] = await Promise.all([store.healthy(), redis.healthy()]);
        return { database: up(database), redis: up(redisUp) };
      },
      close: closeOpened,
    };
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

export function openEngines(options: EngineOptions): Promise<Engines> {
  return options.shared ? openShared(options.shared, options) : openEmbedded(options);
}
