import { defaultProfile, type ProfileUpdate, type WireProfile } from '../../protocol/profiles';
import { ProfileCache } from '../../server/profiles/profile-cache';
import type { ProfileStore } from '../../server/store/store';

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
