import Redis from 'ioredis';
import { startS3Server } from './s3-server';
import type { SharedEngines } from './server-process';
import { freshDatabase, testRedisURL, uniqueName } from './services';

/** Deletes these keys only: the Redis is shared with every other test. */
async function deleteKeys(redisURL: string, prefix: string): Promise<void> {
  const redis = new Redis(redisURL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 }) as AsyncIterable<string[]>)
      if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/**
 * Engines of the test's own for a shared deployment: a fresh database (unless given one the test
 * started itself), a Redis key prefix, and a local S3 server with its bucket. `release` removes them.
 */
export async function sharedEnginesForTest(
  given: Partial<Pick<SharedEngines, 'databaseURL' | 'redisURL'>> = {},
): Promise<{ engines: SharedEngines; release: () => Promise<void> }> {
  const database = given.databaseURL ? null : await freshDatabase();
  const s3 = await startS3Server();
  const engines: SharedEngines = {
    databaseURL: given.databaseURL ?? database!.url,
    redisURL: given.redisURL ?? testRedisURL(),
    redisPrefix: `${uniqueName('tidings_test')}:`,
    s3: {
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      region: s3.region,
      accessKeyId: s3.credentials.accessKeyId,
      secretAccessKey: s3.credentials.secretAccessKey,
    },
  };
  return {
    engines,
    release: async () => {
      await deleteKeys(engines.redisURL, engines.redisPrefix).catch(() => undefined);
      await database?.drop();
      await s3.stop();
    },
  };
}
