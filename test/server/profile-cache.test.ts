import { defaultProfile, type ProfileUpdate, type WireProfile } from '../../protocol/profiles';
import { ProfileCache } from '../../server/profiles/profile-cache';
import type { ProfileStore } from '../../server/store/store';
import type { ProfileInvalidation, ProfileInvalidationListener } from '../../server/profiles/profile-invalidation';
import { deleteKeys, redisNode, until } from '../helpers/redis-nodes';
import { uniqueName } from '../helpers/services';

/** The cache every send reads the sender's nick from: one store read per user, then memory; bounded. */
function countingStore() {
  const reads: string[][] = [];
  const store: ProfileStore = {
    getProfile: (_app, userID) => Promise.resolve(defaultProfile(userID)),
    getProfiles: (_app, userIDs) => {
      reads.push([...userIDs]);
      return Promise.resolve(userIDs.map((userID) => ({ ...defaultProfile(userID), nick: `${userID}!` })));
    },
    updateProfile: (_app: number, userID: string, _update: ProfileUpdate) => Promise.resolve(defaultProfile(userID)),
  };
  return { store, reads };
}

test('a user is read from the store once, many at a time, in the order asked, a repeat counted once', async () => {
  const { store, reads } = countingStore();
  const cache = new ProfileCache(store);
  expect((await cache.getMany(1, ['a', 'b', 'a'])).map((p) => p.nick)).toEqual(['a!', 'b!', 'a!']);
  expect((await cache.get(1, 'b')).nick).toBe('b!');
  await cache.getMany(1, ['b', 'c']);
  expect(reads).toEqual([['a', 'b'], ['c']]);
});

test('remember replaces what is kept (updateMyProfile writes through); apps are apart', async () => {
  const { store, reads } = countingStore();
  const cache = new ProfileCache(store);
  const renamed: WireProfile = { ...defaultProfile('a'), nick: 'Renamed' };
  cache.remember(1, renamed);
  expect(await cache.get(1, 'a')).toBe(renamed);
  expect((await cache.get(2, 'a')).nick).toBe('a!');
  expect(reads).toEqual([['a']]);
});

test('past its capacity the least recently used profile goes first', async () => {
  const { store, reads } = countingStore();
  const cache = new ProfileCache(store, 2);
  await cache.getMany(1, ['a', 'b']);
  await cache.get(1, 'a');
  await cache.get(1, 'c');
  await cache.getMany(1, ['a', 'c']);
  expect(reads).toEqual([['a', 'b'], ['c']]);
  await cache.get(1, 'b');
  expect(reads.at(-1)).toEqual(['b']);
});

describe('across nodes', () => {
  /** One store for every node, as a shared database is: a profile's nick is whatever was last written. */
  function sharedStore() {
    const nicks = new Map<string, string>();
    const store: ProfileStore = {
      getProfile: (_app, userID) => Promise.resolve(defaultProfile(userID)),
      getProfiles: (_app, userIDs) =>
        Promise.resolve(userIDs.map((userID) => ({ ...defaultProfile(userID), nick: nicks.get(userID) ?? '' }))),
      updateProfile: (_app, userID, update: ProfileUpdate) => {
        nicks.set(userID, update.nick ?? '');
        return Promise.resolve({ ...defaultProfile(userID), nick: update.nick ?? '' });
      },
    };
    return store;
  }

  test('a profile changed on one node is dropped from the cache of the others, and read again there', async () => {
    const prefix = `${uniqueName('profiles')}:`;
    const nodes = [await redisNode(prefix), await redisNode(prefix)];
    try {
      const store = sharedStore();
      const [here, there] = nodes.map(
        (node) => new ProfileCache(store, undefined, undefined, node.profileInvalidation),
      );
      expect((await there.get(1, 'ann')).nick).toBe('');
      await here.changed(1, await store.updateProfile(1, 'ann', { nick: 'Ann' }, 1));
      expect((await here.get(1, 'ann')).nick).toBe('Ann');
      await until(async () => (await there.get(1, 'ann')).nick === 'Ann');
    } finally {
      await Promise.all(nodes.map((node) => node.close()));
      await deleteKeys(prefix);
    }
  });

  test('a store read overtaken by a drop answers, but is not kept: it may be the profile from before the change', async () => {
    let drop: ProfileInvalidationListener | undefined;
    const invalidation: ProfileInvalidation = { changed: async () => undefined, listen: (l) => void (drop = l) };
    let release = () => undefined as void;
    const reads: string[] = [];
    const store: ProfileStore = {
      getProfile: (_app, userID) => Promise.resolve(defaultProfile(userID)),
      getProfiles: async (_app, userIDs) => {
        reads.push(...userIDs);
        if (reads.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return userIDs.map((userID) => defaultProfile(userID));
      },
      updateProfile: (_app, userID) => Promise.resolve(defaultProfile(userID)),
    };
    const cache = new ProfileCache(store, undefined, undefined, invalidation);
    const pending = cache.get(1, 'ann');
    await until(() => reads.length === 1);
    drop!.drop(1, 'ann');
    release();
    expect((await pending).userID).toBe('ann');
    await cache.get(1, 'ann');
    expect(reads).toEqual(['ann', 'ann']);
  });
});
