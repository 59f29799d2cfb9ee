import { TYPES } from '../../protocol/constants';
import type { WireUserStatus } from '../../protocol/profiles';
import type { Session } from '../bus/bus';
import { execAll, type RedisNode } from '../redis-node';
import { CUSTOM_STATUS_GRACE_MS, type Presence, type StatusListener } from './presence';
import { CLEAR_IF_DUE, SET_CONNECTIONS, STATUSES, SUBSCRIBE } from './redis-presence-scripts';

interface LocalUser {
  app: number;
  userID: string;
  /** This node's connections of the user; 0 kept until Redis has heard it. */
  connections: number;
}

/**
 * Presence shared by every node through Redis (the scripts' file says what is kept where). Each
 * node writes its own connection count per user; a user is online while any live node counts one.
 * The node whose change takes a user online or offline tells the user and their followers through
 * `notify` (the server publishes that on the bus, which reaches every node). The custom status
 * outlives the last connection by `graceMs`: the node of that last disconnection clears it and
 * tells; were that node to die first, readers still see it gone (untold).
 */
export class RedisPresence implements Presence {
  private readonly local = new Map<string, LocalUser>();
  private readonly clearTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly node: RedisNode,
    private readonly notify: StatusListener,
    private readonly graceMs = CUSTOM_STATUS_GRACE_MS,
  ) {
    node.onResync(() => this.writeAllCounts());
    node.onNodeDead((dead) => this.bury(dead));
  }

  /** The users a node counts connections of, each `<app>\n<userID>`. */
  private nodeUsers(nodeID: string): string {
    return this.node.key('pn', nodeID);
  }

  private hash(app: number, userID: string): string {
    return this.node.key('ps', app, userID);
  }

  private following(app: number, userID: string): string {
    return this.node.key('pg', app, userID);
  }

  private followers(app: number, userID: string): string {
    return this.node.key('pf', app, userID);
  }

  async connected(session: Session): Promise<void> {
    await this.count(session, +1);
  }

  async disconnected(session: Session): Promise<void> {
    await this.count(session, -1);
  }

  private async count({ app, userID }: Session, change: 1 | -1): Promise<void> {
    const hash = this.hash(app, userID);
    let user = this.local.get(hash);
    if (!user) this.local.set(hash, (user = { app, userID, connections: 0 }));
    user.connections = Math.max(0, user.connections + change);
    await this.setConnections(app, userID, this.node.id, user.connections);
    if (user.connections === 0 && this.local.get(hash) === user) this.local.delete(hash);
  }

  /** A node has `connections` of the user now; whoever must hear of a change in their status does. */
  private async setConnections(app: number, userID: string, nodeID: string, connections: number): Promise<void> {
    const hash = this.hash(app, userID);
    const reply = await SET_CONNECTIONS.run(
      this.node.redis,
      [hash, this.nodeUsers(nodeID)],
      [this.node.liveKeyPrefix, nodeID, connections, this.graceMs, `${app}\n${userID}`],
    );
    const [before, after, clearing] = reply as [number, number, number];
    if (before === 0 && after > 0) {
      clearTimeout(this.clearTimers.get(hash));
      this.clearTimers.delete(hash);
      await this.changed(app, userID);
    } else if (before > 0 && after === 0) {
      // Who this user followed is the SDK's to subscribe again after it reconnects.
      await this.unsubscribe(app, userID, null);
      await this.changed(app, userID);
      if (clearing) this.clearLater(app, userID, this.graceMs);
    }
  }

  private clearLater(app: number, userID: string, delayMs: number): void {
    const hash = this.hash(app, userID);
    clearTimeout(this.clearTimers.get(hash));
    const timer = setTimeout(() => {
      this.clearTimers.delete(hash);
      void this.clearIfDue(app, userID);
    }, delayMs);
    timer.unref();
    this.clearTimers.set(hash, timer);
  }

  private async clearIfDue(app: number, userID: string): Promise<void> {
    try {
      const dueInMs = Number(
        await CLEAR_IF_DUE.run(this.node.redis, [this.hash(app, userID)], [this.node.liveKeyPrefix]),
      );
      if (dueInMs === 0) await this.changed(app, userID);
      // The Redis clock is a little behind this one: wait for it.
      else if (dueInMs > 0) this.clearLater(app, userID, dueInMs);
    } catch (error) {
      this.node.faults.report('Redis: a custom status was not cleared on time; readers see it gone', error);
    }
  }

  private async changed(app: number, userID: string): Promise<void> {
    const [followers, [status]] = await Promise.all([
      this.node.redis.smembers(this.followers(app, userID)),
      this.statusOf(app, [userID]),
    ]);
    this.notify(app, [userID, ...followers], [status]);
  }

  async statusOf(app: number, userIDs: readonly string[]): Promise<WireUserStatus[]> {
    if (userIDs.length === 0) return [];
    const reply = (await STATUSES.run(
      this.node.redis,
      userIDs.map((userID) => this.hash(app, userID)),
      [this.node.liveKeyPrefix],
    )) as Array<number | string>;
    return userIDs.map((userID, i) => ({
      userID,
      statusType: reply[2 * i] === 1 ? TYPES.USER_STATUS_ONLINE : TYPES.USER_STATUS_OFFLINE,
      customStatus: String(reply[2 * i + 1]),
    }));
  }

  async setCustomStatus(app: number, userID: string, customStatus: string): Promise<WireUserStatus> {
    const hash = this.hash(app, userID);
    if (customStatus) await this.node.redis.hset(hash, 's', customStatus);
    else await this.node.redis.hdel(hash, 's', 'clear');
    await this.changed(app, userID);
    return (await this.statusOf(app, [userID]))[0];
  }

  async subscribe(app: number, subscriber: string, userIDs: readonly string[], max: number): Promise<boolean> {
    const distinct = [...new Set(userIDs)];
    const keys = [this.following(app, subscriber), ...distinct.map((userID) => this.followers(app, userID))];
    return (await SUBSCRIBE.run(this.node.redis, keys, [max, subscriber, ...distinct])) === 1;
  }

  async unsubscribe(app: number, subscriber: string, userIDs: readonly string[] | null): Promise<void> {
    const following = this.following(app, subscriber);
    const from = userIDs ?? (await this.node.redis.smembers(following));
    if (from.length === 0) return;
    const transaction = this.node.redis.multi().srem(following, ...from);
    for (const userID of from) transaction.srem(this.followers(app, userID), subscriber);
    await transaction.exec();
  }

  /** A node died with connections counted: its users go offline unless connected elsewhere, and followers hear it. */
  private async bury(dead: string): Promise<void> {
    const users = this.nodeUsers(dead);
    for (const member of await this.node.redis.smembers(users)) {
      const newline = member.indexOf('\n');
      await this.setConnections(Number(member.slice(0, newline)), member.slice(newline + 1), dead, 0);
    }
    await this.node.redis.del(users);
  }

  /** After a reconnection or a lapse: this node's counts, written again. */
  private async writeAllCounts(): Promise<void> {
    const users = [...this.local.entries()];
    const mine = this.nodeUsers(this.node.id);
    const pipeline = this.node.redis.pipeline();
    for (const [hash, { app, userID, connections }] of users)
      if (connections > 0) pipeline.hset(hash, `c:${this.node.id}`, connections).sadd(mine, `${app}\n${userID}`);
      else pipeline.hdel(hash, `c:${this.node.id}`).srem(mine, `${app}\n${userID}`);
    await execAll(pipeline);
    for (const [hash, user] of users)
      if (user.connections === 0 && this.local.get(hash) === user) this.local.delete(hash);
  }
}
