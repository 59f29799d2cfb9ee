/** What a profile cache does when other nodes change profiles. */
export interface ProfileInvalidationListener {
  /** Another node changed this profile. */
  drop(app: number, userID: string): void;
  /** Changes may have been missed (the channel was away): nothing cached can be trusted. */
  dropAll(): void;
}

/**
 * Profile changes told across nodes, so that each node's ProfileCache drops its copy. One process
 * needs none of it: `noProfileInvalidation`. Across nodes a change can be missed only while Redis is
 * away, and then every cache is dropped when it is back.
 */
export interface ProfileInvalidation {
  /** This node changed the profile. Never rejects: a change not told is logged. */
  changed(app: number, userID: string): Promise<void>;
  listen(listener: ProfileInvalidationListener): void;
}

export const noProfileInvalidation: ProfileInvalidation = {
  changed: () => Promise.resolve(),
  listen: () => undefined,
};
