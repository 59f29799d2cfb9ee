import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { RedisBus } from './bus/redis-bus';
import type { GroupBudget } from './group-limiter';
import type { Presence, StatusListener } from './profiles/presence';
import type { ProfileInvalidation } from './profiles/profile-invalidation';
import { RedisPresence } from './profiles/redis-presence';
import { RedisProfileInvalidation } from './profiles/redis-profile-invalidation';
import { RedisChannels } from './redis-channels';
import { RedisGroupLimiter } from './redis-group-limiter';
import { RedisNode } from './redis-node';

export interface RedisSharedOptions {
  /** redis://[user:password@]host:port[/db], or rediss:// for TLS. */
  url: string;
  /** Every key and channel begins with it (default `tidings:`): deployments sharing one Redis use different ones. */
  keyPrefix?: string;
  log: Logger;
  /** A name for this node in logs and in CLIENT LIST (default: the host name). A random suffix is added: a restarted process is a new node. */
  nodeID?: string;
  /** A node silent this long is gone: its users offline (default 15 s). */
  nodeAliveMs?: number;
  /** How often a node says it is alive (default 5 s). */
  heartbeatMs?: number;
  /** A command unanswered this long fails (default 2 s): nothing waits on a Redis that is away. */
  commandTimeoutMs?: number;
}

/** What the nodes of one deployment share through Redis. */
export interface RedisShared {
  /** This process among the nodes. */
  readonly nodeID: string;
  readonly bus: RedisBus;
  /** Once per node. `graceMs`: how long a custom status outlives the last connection (default 30 s). */
  presence(notify: StatusListener, graceMs?: number): Presence;
  /** The group limit shared by all nodes; `clock` is for tests (by default the Redis server's). */
  limiter(perSecond: number, gatherMs: number, clock?: () => number): GroupBudget;
  readonly profileInvalidation: ProfileInvalidation;
  /** Whether Redis answers a PING now. */
  healthy(): Promise<boolean>;
  /**
   * Says goodbye and closes both connections. Close the node's sockets first, so that their users'
   * followers hear them go offline from here; what is still counted, another node tidies up at its next beat.
   */
  close(): Promise<void>;
}

/** Reconnection: soon at first, then every 2 s at most, for as long as it takes. */
const retryStrategy = (attempt: number): number => Math.min(50 * 2 ** attempt, 2000);

/**
 * Connects this node to the deployment's Redis: one connection for commands, one for pub/sub.
 * Rejects if Redis cannot be reached now. Later outages are survived: ioredis reconnects, the
 * subscriptions come back, each part writes its state again, and meanwhile commands fail at once
 * (no offline queue) and are logged, so a publish never hangs the server.
 */
export async function connectRedis(options: RedisSharedOptions): Promise<RedisShared> {
  const name = options.nodeID ?? hostname();
  const nodeID = `${name.replace(/\s/g, '_')}-${randomBytes(4).toString('hex')}`;
  const common: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    connectTimeout: 5000,
    retryStrategy,
  };
  const redis = new Redis(options.url, { ...common, enableAutoPipelining: true, connectionName: `tidings:${nodeID}` });
  const subscriber = new Redis(options.url, {
    ...common,
    autoResubscribe: true,
    connectionName: `tidings:${nodeID}:sub`,
  });
  const log = options.log.child({ redisNode: nodeID });
  const node = new RedisNode(redis, {
    prefix: options.keyPrefix ?? 'tidings:',
    nodeID,
    log,
    aliveMs: options.nodeAliveMs ?? 15_000,
    heartbeatMs: options.heartbeatMs ?? 5_000,
  });
  for (const client of [redis, subscriber]) client.on('error', (error: Error) => node.faults.report('Redis', error));
  try {
    await Promise.all([redis.connect(), subscriber.connect()]);
  } catch (error) {
    redis.disconnect();
    subscriber.disconnect();
    throw error;
  }
  const channels = new RedisChannels(subscriber, node.faults);
  node.start();
  return {
    nodeID,
    bus: new RedisBus(node, channels),
    presence: (notify, graceMs) => new RedisPresence(node, notify, graceMs),
    limiter: (perSecond, gatherMs, clock) =>
      new RedisGroupLimiter(redis, node.key('gl', ''), node.faults, perSecond, gatherMs, clock),
    profileInvalidation: new RedisProfileInvalidation(node, channels),
    healthy: async () => {
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    close: async () => {
      await node.stop();
      await Promise.all(
        [redis, subscriber].map((client) =>
          client.quit().then(
            () => undefined,
            () => client.disconnect(),
          ),
        ),
      );
    },
  };
}
