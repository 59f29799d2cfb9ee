import { TYPES } from '../../protocol/constants';
import type { WireUserStatus } from '../../protocol/profiles';
import type { Session } from '../bus/bus';

/** How long a custom status outlives its user's last connection (the reference clears it about 30 s after a web logout). */
export const CUSTOM_STATUS_GRACE_MS = 30_000;

/** Someone to tell about status changes: the users who must hear, and what changed. */
export type StatusListener = (app: number, userIDs: string[], statuses: WireUserStatus[]) => void;

/**
 * Who is online (has a connection), each user's custom status text, and who follows whom. The
 * in-process implementation keeps it all in memory; RedisPresence keeps it in Redis, for every node.
 */
export interface Presence {
  connected(session: Session): Promise<void>;
  disconnected(session: Session): Promise<void>;
  statusOf(app: number, userIDs: readonly string[]): Promise<WireUserStatus[]>;
  setCustomStatus(app: number, userID: string, customStatus: string): Promise<WireUserStatus>;
  /** `subscriber` hears about `userIDs` until it unsubscribes or its last connection closes. Refuses past `max` in all. */
  subscribe(app: number, subscriber: string, userIDs: readonly string[], max: number): Promise<boolean>;
  /** `null`: every subscription of `subscriber`. */
  unsubscribe(app: number, subscriber: string, userIDs: readonly string[] | null): Promise<void>;
}

interface UserState {
  connections: number;
  customStatus: string;
  clearTimer?: ReturnType<typeof setTimeout>;
  /** Whom this user follows. */
  following: Set<string>;
  /** Who follows this user. */
  followers: Set<string>;
}

export class InProcessPresence implements Presence {
  private readonly users = new Map<string, UserState>();

  constructor(
    private readonly notify: StatusListener,
    private readonly graceMs = CUSTOM_STATUS_GRACE_MS,
  ) {}

  private static key(app: number, userID: string): string {
    return `${app}\u0000${userID}`;
  }

  private state(app: number, userID: string): UserState {
    const key = InProcessPresence.key(app, userID);
    let state = this.users.get(key);
    if (!state)
      this.users.set(key, (state = { connections: 0, customStatus: '', following: new Set(), followers: new Set() }));
    return state;
  }

  /** Forgets a user nobody follows, who follows nobody, is offline and has no status. */
  private prune(app: number, userID: string): void {
    const key = InProcessPresence.key(app, userID);
    const state = this.users.get(key);
    if (state && state.connections === 0 && !state.customStatus && !state.following.size && !state.followers.size)
      this.users.delete(key);
  }

  private statusOfOne(app: number, userID: string): WireUserStatus {
    const state = this.users.get(InProcessPresence.key(app, userID));
    return {
      userID,
      statusType: state && state.connections > 0 ? TYPES.USER_STATUS_ONLINE : TYPES.USER_STATUS_OFFLINE,
      customStatus: state?.customStatus ?? '',
    };
  }

  private changed(app: number, userID: string): void {
    const state = this.users.get(InProcessPresence.key(app, userID));
    const audience = [userID, ...(state?.followers ?? [])];
    this.notify(app, audience, [this.statusOfOne(app, userID)]);
  }

  async connected(session: Session): Promise<void> {
    const state = this.state(session.app, session.userID);
    clearTimeout(state.clearTimer);
    state.clearTimer = undefined;
    state.connections += 1;
    if (state.connections === 1) this.changed(session.app, session.userID);
  }

  async disconnected(session: Session): Promise<void> {
    const { app, userID } = session;
    const state = this.state(app, userID);
    state.connections = Math.max(0, state.connections - 1);
    if (state.connections > 0) return;
    // Who this user followed is the SDK's to subscribe again after it reconnects.
    this.unsubscribeNow(app, userID, null);
    this.changed(app, userID);
    if (state.customStatus) {
      state.clearTimer = setTimeout(() => {
        state.clearTimer = undefined;
        state.customStatus = '';
        this.changed(app, userID);
        this.prune(app, userID);
      }, this.graceMs);
      state.clearTimer.unref?.();
    }
    this.prune(app, userID);
  }

  async statusOf(app: number, userIDs: readonly string[]): Promise<WireUserStatus[]> {
    return userIDs.map((userID) => this.statusOfOne(app, userID));
  }

  async setCustomStatus(app: number, userID: string, customStatus: string): Promise<WireUserStatus> {
    const state = this.state(app, userID);
    state.customStatus = customStatus;
    this.changed(app, userID);
    this.prune(app, userID);
    return this.statusOfOne(app, userID);
  }

  async subscribe(app: number, subscriber: string, userIDs: readonly string[], max: number): Promise<boolean> {
    const state = this.state(app, subscriber);
    const added = userIDs.filter((userID) => !state.following.has(userID));
    if (state.following.size + added.length > max) return false;
    for (const userID of added) {
      state.following.add(userID);
      this.state(app, userID).followers.add(subscriber);
    }
    return true;
  }

  async unsubscribe(app: number, subscriber: string, userIDs: readonly string[] | null): Promise<void> {
    this.unsubscribeNow(app, subscriber, userIDs);
  }

  private unsubscribeNow(app: number, subscriber: string, userIDs: readonly string[] | null): void {
    const state = this.users.get(InProcessPresence.key(app, subscriber));
    if (!state) return;
    for (const userID of userIDs ?? [...state.following]) {
      if (!state.following.delete(userID)) continue;
      this.users.get(InProcessPresence.key(app, userID))?.followers.delete(subscriber);
      this.prune(app, userID);
    }
    this.prune(app, subscriber);
  }
}
