import type { Session } from '../../server/bus/bus';
import { ProfileCache } from '../../server/profiles/profile-cache';
import { connectRedis, type RedisShared } from '../../server/redis-shared';
import type { ProfileStore } from '../../server/store/store';
import { defaultProfile } from '../../protocol/profiles';
import { silentLog, until } from '../helpers/redis-nodes';
import { freePort, TempRedis } from '../helpers/temp-redis';

/** Redis going away and coming back (empty): the nodes carry on without a restart. */
const APP = 1;

let redis: TempRedis;
let nodes: RedisShared[];

beforeAll(async () => {
  redis = await TempRedis.start();
  const options = { url: redis.url, keyPrefix: 'fault:', log: silentLog, heartbeatMs: 100, nodeAliveMs: 1000 };
  nodes = [await connectRedis(options), await connectRedis(options)];
});

afterAll(async () => {
  await Promise.all(nodes.map((node) => node.close()));
  await redis.remove();
});

function session(userID: string): Session & { frames: string[] } {
  const frames: string[] = [];
  return { app: APP, userID, frames, send: (text) => frames.push(text) };
}

test('while Redis is away publishing fails fast and quietly; once it is back, delivery, who is online and caches resume', async () => {
  const [publisher, receiver] = nodes.map((node) => node.bus);
  const bob = session('bob');
  await receiver.add(bob);
  const reads: string[] = [];
  const store: ProfileStore = {
    getProfile: (_app, userID) => Promise.resolve(defaultProfile(userID)),
    getProfiles: (_app, userIDs) => {
      reads.push(...userIDs);
      return Promise.resolve(userIDs.map((userID) => defaultProfile(userID)));
    },
    updateProfile: (_app, userID) => Promise.resolve(defaultProfile(userID)),
  };
  const cache = new ProfileCache(store, undefined, undefined, nodes[1].profileInvalidation);
  await cache.get(APP, 'ann');
  const presence = nodes[1].presence(() => undefined);
  await presence.connected(session('pat'));
  const limiter = nodes[0].limiter(2, 0);

  await publisher.publish(APP, ['bob'], 'groupListChanged', { groupID: 'before' });
  await until(() => bob.frames.length === 1);

  await redis.stop();
  expect(await nodes[0].healthy()).toBe(false);
  const started = Date.now();
  await expect(publisher.publish(APP, ['bob'], 'groupListChanged', { groupID: 'lost' })).resolves.toBeUndefined();
  await expect(publisher.isOnline(APP, 'bob')).resolves.toBe(false);
  const carol = session('carol');
  await receiver.add(carol);
  await expect(presence.statusOf(APP, ['pat'])).rejects.toThrow();
  // Each node limits groups on its own meanwhile.
  const admitted = await Promise.all(['Normal', 'Normal', 'Normal'].map(() => limiter.admit('g', 'Normal')));
  expect(admitted).toEqual([true, true, false]);
  expect(Date.now() - started).toBeLessThan(2000);
  // Away for several reconnection attempts.
  await new Promise((resolve) => setTimeout(resolve, 500));

  await redis.start();
  // Redis came back empty: the subscriptions, who is online and the liveness keys come back by themselves.
  await until(async () => {
    await publisher.publish(APP, ['bob'], 'groupListChanged', { groupID: 'after' });
    return bob.frames.some((frame) => frame.includes('"after"'));
  }, 10_000);
  expect(bob.frames.some((frame) => frame.includes('"lost"'))).toBe(false);
  await until(() => publisher.isOnline(APP, 'bob'), 5000);
  // Logged in while Redis was away: subscribed and marked online once it is back.
  expect(await publisher.isOnline(APP, 'carol')).toBe(true);
  await publisher.publish(APP, ['carol'], 'groupListChanged', { groupID: 'for-carol' });
  await until(() => carol.frames.length === 1);
  // Connection counts are written again too.
  expect((await presence.statusOf(APP, ['pat']))[0].statusType).toBe(1);
  expect(await nodes[0].healthy()).toBe(true);
  // Changes told while the subscriber was away were missed: the cache kept nothing.
  await cache.get(APP, 'ann');
  expect(reads).toEqual(['ann', 'ann']);
});

test('connectRedis rejects when Redis cannot be reached at start, rather than waiting for it', async () => {
  const port = await freePort();
  await expect(connectRedis({ url: `redis://127.0.0.1:${port}`, log: silentLog })).rejects.toThrow();
});
