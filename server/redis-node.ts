import { createHash } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A Lua script run by its SHA1, sent whole only when Redis does not know it yet (after a restart, say). */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.lua, keys.length, ...keys, ...args);
    }
  }
}

/** Runs a pipeline; rejects with the first command's error, if any failed. */
export async function execAll(pipeline: ChainableCommander): Promise<void> {
  const error = ((await pipeline.exec()) ?? []).find(([failure]) => failure)?.[0];
  if (error) throw error;
}

/** Lua: the Redis server's clock in milliseconds, one clock for every node. */
export const LUA_NOW_MS = `local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)`;

/** Warnings about a Redis that is away: the first at once, then one per `everyMs` with how many were held back. */
export class FaultLog {
  private readonly last = new Map<string, { at: number; heldBack: number }>();

  constructor(
    private readonly log: Logger,
    private readonly everyMs = 10_000,
  ) {}

  report(what: string, error: unknown): void {
    const now = Date.now();
    const seen = this.last.get(what);
    if (seen && now - seen.at < this.everyMs) {
      seen.heldBack += 1;
      return;
    }
    this.log.warn({ err: error, heldBack: seen?.heldBack ?? 0 }, what);
    this.last.set(what, { at: now, heldBack: 0 });
  }
}

/** KEYS[1]: this node's liveness key; KEYS[2]: every node, scored by when it lapses. ARGV: nodeID, alive ms. 1 if the key was still there. */
const HEARTBEAT = new LuaScript(`${LUA_NOW_MS}
local existed = redis.call('SET', KEYS[1], '1', 'PX', ARGV[2], 'GET')
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[1])
if existed then return 1 end
return 0`);

/** KEYS[1]: every node, scored by when it lapses. ARGV[1]: the live prefix. Nodes that lapsed, each given to one caller only. */
const CLAIM_DEAD = new LuaScript(`${LUA_NOW_MS}
local claimed = {}
for _, node in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, 10)) do
  redis.call('ZREM', KEYS[1], node)
  if redis.call('EXISTS', ARGV[1] .. node) == 0 then table.insert(claimed, node) end
end
return claimed`);

export interface RedisNodeOptions {
  /** Every key and channel of this deployment begins with it. */
  prefix: string;
  /** This process; unique among the nodes (a restarted node is a new one). */
  nodeID: string;
  log: Logger;
  /** How long a node counts as alive after its last heartbeat. */
  aliveMs: number;
  heartbeatMs: number;
}

/**
 * This process as one node of a deployment sharing a Redis. Its heartbeat keeps `node:<nodeID>`
 * alive; what the node wrote about itself (whose sessions it holds, how many connections) counts
 * only while that key lives, so a node killed without a goodbye drops out after `aliveMs`. When
 * Redis comes back, or the key had lapsed (a long outage, an emptied Redis), every part writes its
 * local state again: `onResync`. Each beat also looks for nodes that lapsed; one live node gets each
 * and tidies up after it: `onNodeDead`.
 */
export class RedisNode {
  readonly faults: FaultLog;
  private readonly resyncs: Array<() => Promise<void>> = [];
  private readonly undertakers: Array<(nodeID: string) => Promise<void>> = [];
  private timer?: ReturnType<typeof setInterval>;
  private everReady = false;
  private beaten = false;
  /** Set when Redis may have lost or missed what this node wrote; cleared by a resync that succeeded. */
  private needsResync = false;

  constructor(
    readonly redis: Redis,
    readonly options: RedisNodeOptions,
  ) {
    this.faults = new FaultLog(options.log);
    this.everReady = redis.status === 'ready';
    redis.on('ready', () => {
      // The first ready is the start; any later one is a reconnection, after which nothing is assumed.
      if (this.everReady) {
        this.needsResync = true;
        void this.beat();
      }
      this.everReady = true;
    });
  }

  get id(): string {
    return this.options.nodeID;
  }

  key(...parts: Array<string | number>): string {
    return this.options.prefix + parts.join(':');
  }

  /** The key whose life is this node's: `liveKeyPrefix + nodeID`. */
  get liveKeyPrefix(): string {
    return this.key('node', '');
  }

  onResync(resync: () => Promise<void>): void {
    this.resyncs.push(resync);
  }

  /** `bury` runs on one live node for each node that lapsed (killed, or cut off from Redis for too long). */
  onNodeDead(bury: (nodeID: string) => Promise<void>): void {
    this.undertakers.push(bury);
  }

  private get nodesKey(): string {
    return this.key('nodes');
  }

  start(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.options.heartbeatMs);
    this.timer.unref();
  }

  /** Stops the heartbeat and says goodbye: the node is gone at once rather than after `aliveMs`. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    try {
      // Lapsed at once: the next beat of another node tidies up after this one.
      await this.redis
        .multi()
        .del(this.liveKeyPrefix + this.id)
        .zadd(this.nodesKey, 0, this.id)
        .exec();
    } catch (error) {
      this.faults.report('Redis: could not say goodbye; this node lapses on its own', error);
    }
  }

  private async beat(): Promise<void> {
    const first = !this.beaten;
    this.beaten = true;
    try {
      const existed = await HEARTBEAT.run(
        this.redis,
        [this.liveKeyPrefix + this.id, this.nodesKey],
        [this.id, this.options.aliveMs],
      );
      // The key had lapsed: other nodes may have dropped what this one wrote.
      if (existed === 0 && !first) this.needsResync = true;
      if (this.needsResync) {
        this.needsResync = false;
        await Promise.all(this.resyncs.map((resync) => resync()));
      }
    } catch (error) {
      // Redis is away or failed midway: whatever this node writes meanwhile may be lost, so write it all again.
      this.needsResync = true;
      this.faults.report('Redis: heartbeat or writing this node’s state again failed; the next beat retries', error);
      return;
    }
    await this.buryDead();
  }

  private async buryDead(): Promise<void> {
    if (this.undertakers.length === 0) return;
    try {
      const dead = (await CLAIM_DEAD.run(this.redis, [this.nodesKey], [this.liveKeyPrefix])) as string[];
      for (const nodeID of dead) for (const bury of this.undertakers) await bury(nodeID);
    } catch (error) {
      this.faults.report('Redis: tidying up after a dead node failed; readers ignore what it left', error);
    }
  }
}
