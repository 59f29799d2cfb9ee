import type { Redis } from 'ioredis';
import { GroupLimiter, WINDOW_MS } from './group-limiter';
import { LUA_NOW_MS, LuaScript, type FaultLog } from './redis-node';

/**
 * KEYS[1]: the group's window (hash: s = start in ms, u = used). ARGV: perSecond, wanted, window ms,
 * and the caller's clock in ms or '' for the Redis server's (one clock for all nodes). Returns how
 * many of `wanted` are granted, taken from the window in the same step.
 */
const TAKE = new LuaScript(`${LUA_NOW_MS}
local perSecond, wanted, windowMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if ARGV[4] ~= '' then now = tonumber(ARGV[4]) end
local start = tonumber(redis.call('HGET', KEYS[1], 's'))
local used = 0
if start and now - start < windowMs and now >= start then
  used = tonumber(redis.call('HGET', KEYS[1], 'u'))
else
  start = now
end
local granted = math.min(wanted, math.max(0, perSecond - used))
redis.call('HSET', KEYS[1], 's', start, 'u', used + granted)
redis.call('PEXPIRE', KEYS[1], windowMs * 2)
return granted`);

/**
 * The group limit across nodes: each node still gathers a group's sends and orders them by
 * priority, then takes what the group's window has left with one atomic script call per batch, so
 * all nodes together admit at most `perSecond` per window. While Redis is away each node falls
 * back to its own budget (at most `perSecond` per node), and says so in the log.
 */
export class RedisGroupLimiter extends GroupLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly faults: FaultLog,
    perSecond: number,
    gatherMs: number,
    /** A clock for tests; by default the Redis server's. */
    private readonly clock?: () => number,
  ) {
    super(perSecond, gatherMs, clock);
  }

  protected override async take(groupKey: string, wanted: number): Promise<number> {
    try {
      const granted = await TAKE.run(
        this.redis,
        [this.keyPrefix + groupKey],
        [this.perSecond, wanted, WINDOW_MS, this.clock ? this.clock() : ''],
      );
      return Number(granted);
    } catch (error) {
      this.faults.report('Redis: group budget unavailable; this node limits groups on its own', error);
      return super.take(groupKey, wanted);
    }
  }
}
