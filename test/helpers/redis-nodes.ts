import { Redis } from 'ioredis';
import pino from 'pino';
import { RedisBus } from '../../server/bus/redis-bus';
import type { StatusListener } from '../../server/profiles/presence';
import { RedisPresence } from '../../server/profiles/redis-presence';
import { RedisChannels } from '../../server/redis-channels';
import { RedisNode } from '../../server/redis-node';
import { connectRedis, type RedisShared, type RedisSharedOptions } from '../../server/redis-shared';
import { testRedisURL } from './services';

export const silentLog = pino({ level: 'silent' });

/** A node of a deployment on the test Redis, under `keyPrefix`. */
export function redisNode(keyPrefix: string, options: Partial<RedisSharedOptions> = {}): Promise<RedisShared> {
  return connectRedis({ url: testRedisURL(), keyPrefix, log: silentLog, ...options });
}

/** Deletes every key under `keyPrefix` (and only those): what a test leaves behind. */
export async function deleteKeys(keyPrefix: string, url = testRedisURL()): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * A node a test can kill: its connections cut with no goodbye, as a SIGKILL would, leaving what it
 * wrote in Redis to lapse. Built from the parts connectRedis wires, on connections the test owns.
 */
export async function killableNode(keyPrefix: string, aliveMs: number, heartbeatMs = aliveMs / 3) {
  const redis = new Redis(testRedisURL(), { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true });
  const subscriber = new Redis(testRedisURL(), { lazyConnect: true });
  await Promise.all([redis.connect(), subscriber.connect()]);
  const node = new RedisNode(redis, {
    prefix: keyPrefix,
    nodeID: `killable-${process.pid}`,
    log: silentLog,
    aliveMs,
    heartbeatMs,
  });
  const channels = new RedisChannels(subscriber, node.faults);
  node.start();
  return {
    bus: new RedisBus(node, channels),
    presence: (notify: StatusListener) => new RedisPresence(node, notify),
    kill() {
      redis.disconnect();
      subscriber.disconnect();
    },
    /** After the test: the heartbeat timer of the dead node stops. */
    bury: () => node.stop(),
  };
}

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
