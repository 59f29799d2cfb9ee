import type { AllowType } from '../../protocol/friends';
import type { WireProfile } from '../../protocol/profiles';
import type { ProfileStore } from '../store/store';

/** Profiles kept in memory at most, least recently used first out. */
const DEFAULT_CAPACITY = 50_000;

/**
 * The profiles the server reads on hot paths (every send stamps the sender's nick and avatar; lists
 * show peers' and members'): read from the store once, then from memory. updateMyProfile writes
 * through it, so on one node it is never stale. (Several nodes would need the bus to drop entries.)
 */
export class ProfileCache {
  private readonly byUser = new Map<string, WireProfile>();

  constructor(
    private readonly store: ProfileStore,
    private readonly capacity = DEFAULT_CAPACITY,
    /** The server's `defaultAllowType`: the allowType of a user who never updated their profile. */
    private readonly defaultAllowType?: AllowType,
  ) {}

  private static key(app: number, userID: string): string {
    return `${app}\u0000${userID}`;
  }

  async get(app: number, userID: string): Promise<WireProfile> {
    return (await this.getMany(app, [userID]))[0];
  }

  /** One profile per userID, in order; a store read only for those not in memory. */
  async getMany(app: number, userIDs: readonly string[]): Promise<WireProfile[]> {
    const missing = [...new Set(userIDs.filter((userID) => !this.byUser.has(ProfileCache.key(app, userID))))];
    if (missing.length > 0)
      for (const profile of await this.store.getProfiles(app, missing))
        this.remember(
          app,
          profile.lastUpdatedTime === 0 && this.defaultAllowType
            ? { ...profile, allowType: this.defaultAllowType }
            : profile,
        );
    return userIDs.map((userID) => {
      const key = ProfileCache.key(app, userID);
      const profile = this.byUser.get(key)!;
      // Touched: it moves to the newest end.
      this.byUser.delete(key);
      this.byUser.set(key, profile);
      return profile;
    });
  }

  remember(app: number, profile: WireProfile): void {
    const key = ProfileCache.key(app, profile.userID);
    this.byUser.delete(key);
    this.byUser.set(key, profile);
    if (this.byUser.size > this.capacity) this.byUser.delete(this.byUser.keys().next().value!);
  }
}
