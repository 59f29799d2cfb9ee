import type { AllowType } from '../../protocol/friends';
import type { WireProfile } from '../../protocol/profiles';
import type { ProfileStore } from '../store/store';
import { noProfileInvalidation, type ProfileInvalidation } from './profile-invalidation';

/** Profiles kept in memory at most, least recently used first out. */
const DEFAULT_CAPACITY = 50_000;

/**
 * The profiles the server reads on hot paths (every send stamps the sender's nick and avatar; lists
 * show peers' and members'): read from the store once, then from memory. updateMyProfile writes
 * through it (`changed`), so on one node it is never stale; across nodes `invalidation` tells the
 * others to drop their copy.
 */
export class ProfileCache {
  private readonly byUser = new Map<string, WireProfile>();
  /** Drops so far: a store read that a drop overtook is answered but not kept (it may be the old profile). */
  private drops = 0;

  constructor(
    private readonly store: ProfileStore,
    private readonly capacity = DEFAULT_CAPACITY,
    /** The server's `defaultAllowType`: the allowType of a user who never updated their profile. */
    private readonly defaultAllowType?: AllowType,
    private readonly invalidation: ProfileInvalidation = noProfileInvalidation,
  ) {
    invalidation.listen({
      drop: (app, userID) => {
        this.drops += 1;
        this.byUser.delete(ProfileCache.key(app, userID));
      },
      dropAll: () => {
        this.drops += 1;
        this.byUser.clear();
      },
    });
  }

  private static key(app: number, userID: string): string {
    return `${app}\u0000${userID}`;
  }

  async get(app: number, userID: string): Promise<WireProfile> {
    return (await this.getMany(app, [userID]))[0];
  }

  /** One profile per userID, in order; a store read only for those not in memory. */
  async getMany(app: number, userIDs: readonly string[]): Promise<WireProfile[]> {
    const missing = [...new Set(userIDs.filter((userID) => !this.byUser.has(ProfileCache.key(app, userID))))];
    const read = new Map<string, WireProfile>();
    if (missing.length > 0) {
      const dropsBefore = this.drops;
      for (const stored of await this.store.getProfiles(app, missing)) {
        const profile =
          stored.lastUpdatedTime === 0 && this.defaultAllowType
            ? { ...stored, allowType: this.defaultAllowType }
            : stored;
        read.set(profile.userID, profile);
        if (this.drops === dropsBefore) this.remember(app, profile);
      }
    }
    return userIDs.map((userID) => {
      const key = ProfileCache.key(app, userID);
      const profile = this.byUser.get(key) ?? read.get(userID)!;
      // Touched: it moves to the newest end.
      if (this.byUser.delete(key)) this.byUser.set(key, profile);
      return profile;
    });
  }

  /** This node changed the profile: kept here, dropped on the other nodes. */
  async changed(app: number, profile: WireProfile): Promise<void> {
    this.remember(app, profile);
    await this.invalidation.changed(app, profile.userID);
  }

  remember(app: number, profile: WireProfile): void {
    const key = ProfileCache.key(app, profile.userID);
    this.byUser.delete(key);
    this.byUser.set(key, profile);
    if (this.byUser.size > this.capacity) this.byUser.delete(this.byUser.keys().next().value!);
  }
}
