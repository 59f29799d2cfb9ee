import type { PushName } from '../../protocol/operations';
import type { RedisChannels } from '../redis-channels';
import { execAll, LuaScript, type RedisNode } from '../redis-node';
import { pushFrame, type Bus, type PushData, type Session } from './bus';
import { LocalSessions } from './local-sessions';

/** KEYS[1]: the user's set of nodes. ARGV[1]: the prefix of node liveness keys. 1 if one of them is alive; drops the dead. */
const ANY_NODE_ALIVE = new LuaScript(`for _, node in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. node) == 1 then return 1 end
  redis.call('SREM', KEYS[1], node)
end
return 0`);

/** How many commands one pipeline carries when a node writes all its users again. */
const RESYNC_CHUNK = 1000;

/**
 * The bus across nodes on Redis pub/sub. Each user has a channel (`<prefix>u:<app>:<userID>`); a
 * node subscribes to the channels of the users it has sessions for, from their first session to
 * their last. A publish delivers to this node's sessions at once (in order, skipping `skip`, which
 * is always one of them) and PUBLISHes one message per user, `<nodeID>\n<frame>`, for the other
 * nodes; each node ignores its own.
 *
 * Who is online: a set per user of the nodes holding their sessions, counted only while a node's
 * heartbeat key lives (RedisNode), so a node killed with SIGKILL drops out by itself.
 *
 * Delivery is at most once: a push published while Redis is away, or while a node is reconnecting,
 * is lost for the other nodes (logged, never thrown). The SDK repairs that with its gap fill (it
 * syncs missing sequences from the store), so nothing here is durable.
 */
export class RedisBus implements Bus {
  private readonly sessions = new LocalSessions();
  /** Users whose first session is being announced: later sessions of theirs wait for it too. */
  private readonly joining = new Map<string, Promise<void>>();
  /** Users whose SREM failed while Redis was away, by their nodes key: removed when it is back. */
  private readonly leftWhileAway = new Map<string, { app: number; userID: string }>();

  constructor(
    private readonly node: RedisNode,
    private readonly channels: RedisChannels,
  ) {
    node.onResync(() => this.registerAll());
  }

  private channel(app: number, userID: string): string {
    return this.node.key('u', app, userID);
  }

  private nodesKey(app: number, userID: string): string {
    return this.node.key('on', app, userID);
  }

  async add(session: Session): Promise<void> {
    const { app, userID } = session;
    const key = this.nodesKey(app, userID);
    const first = !this.sessions.has(app, userID);
    this.sessions.add(session);
    if (!first) return this.joining.get(key);
    const listening = this.channels.listen(this.channel(app, userID), (message) => this.received(app, userID, message));
    const registered = this.node.redis.sadd(key, this.node.id).then(
      () => void this.leftWhileAway.delete(key),
      (error: unknown) =>
        this.node.faults.report('Redis: could not mark a user online; written again when Redis is back', error),
    );
    const joined = Promise.all([listening, registered]).then(() => undefined);
    this.joining.set(key, joined);
    await joined;
    if (this.joining.get(key) === joined) this.joining.delete(key);
  }

  async remove(session: Session): Promise<void> {
    const { app, userID } = session;
    this.sessions.remove(session);
    if (this.sessions.has(app, userID)) return;
    const key = this.nodesKey(app, userID);
    const unlistening = this.channels.unlisten(this.channel(app, userID));
    const unregistered = this.node.redis.srem(key, this.node.id).then(
      () => undefined,
      (error: unknown) => {
        this.leftWhileAway.set(key, { app, userID });
        this.node.faults.report('Redis: could not mark a user offline; done when Redis is back', error);
      },
    );
    await Promise.all([unlistening, unregistered]);
  }

  async isOnline(app: number, userID: string): Promise<boolean> {
    if (this.sessions.has(app, userID)) return true;
    try {
      return (await ANY_NODE_ALIVE.run(this.node.redis, [this.nodesKey(app, userID)], [this.node.liveKeyPrefix])) === 1;
    } catch (error) {
      this.node.faults.report('Redis: who is online on other nodes is unknown; answered for this node alone', error);
      return false;
    }
  }

  async publish<Ev extends PushName>(
    app: number,
    userIDs: readonly string[],
    ev: Ev,
    d: PushData<Ev>,
    skip?: Session,
  ): Promise<void> {
    const frame = pushFrame(ev, d);
    for (const userID of userIDs) this.sessions.deliver(app, userID, frame, skip);
    if (userIDs.length === 0) return;
    const message = `${this.node.id}\n${frame}`;
    const pipeline = this.node.redis.pipeline();
    for (const userID of userIDs) pipeline.publish(this.channel(app, userID), message);
    try {
      await execAll(pipeline);
    } catch (error) {
      this.node.faults.report('Redis: pushes to other nodes dropped (their SDKs fill the gap)', error);
    }
  }

  private received(app: number, userID: string, message: string): void {
    const newline = message.indexOf('\n');
    // This node delivered its own publishes already.
    if (message.slice(0, newline) === this.node.id) return;
    this.sessions.deliver(app, userID, message.slice(newline + 1));
  }

  /** After a reconnection or a lapse: this node holds these users' sessions (their channels ioredis subscribes again). */
  private async registerAll(): Promise<void> {
    const left = [...this.leftWhileAway].filter(([, { app, userID }]) => !this.sessions.has(app, userID));
    const writes: Array<[op: 'sadd' | 'srem', key: string]> = [
      ...this.sessions.users().map(({ app, userID }): ['sadd', string] => ['sadd', this.nodesKey(app, userID)]),
      ...left.map(([key]): ['srem', string] => ['srem', key]),
    ];
    for (let i = 0; i < writes.length; i += RESYNC_CHUNK) {
      const pipeline = this.node.redis.pipeline();
      for (const [op, key] of writes.slice(i, i + RESYNC_CHUNK)) pipeline[op](key, this.node.id);
      await execAll(pipeline);
    }
    for (const [key] of left) this.leftWhileAway.delete(key);
  }
}
