import { LUA_NOW_MS, LuaScript } from '../redis-node';

/*
 * A user's presence hash: `c:<nodeID>` = that node's connections of the user, `s` = custom status,
 * `clear` = when the status goes (server ms), set by the last disconnection. A node's count is
 * counted only while its liveness key (ARGV[1] .. nodeID) lives. A dead node's fields stay until a
 * live node buries it (RedisPresence.bury), so that the burial sees who went offline with it and
 * tells their followers. Each node also keeps the set of users it counts connections of (`pn:<nodeID>`).
 */
const LIVE_TOTAL = `local function liveTotal(hash, livePrefix, alsoCounted)
  local total = 0
  local fields = redis.call('HGETALL', hash)
  for i = 1, #fields, 2 do
    local node = string.match(fields[i], '^c:(.*)$')
    if node and (node == alsoCounted or redis.call('EXISTS', livePrefix .. node) == 1) then
      total = total + tonumber(fields[i + 1])
    end
  end
  return total
end`;

/**
 * KEYS[1]: the hash; KEYS[2]: the node's set of users. ARGV: live prefix, nodeID, the node's count
 * now, grace ms, the member for KEYS[2]. The node's count counts even if it is dead (a burial sets
 * it to 0). Returns {total before, total after, 1 if the custom status's clearing was scheduled}.
 */
export const SET_CONNECTIONS = new LuaScript(`${LUA_NOW_MS}
${LIVE_TOTAL}
local hash, node, count = KEYS[1], ARGV[2], tonumber(ARGV[3])
local before = liveTotal(hash, ARGV[1], node)
if count > 0 then
  redis.call('HSET', hash, 'c:' .. node, count)
  redis.call('SADD', KEYS[2], ARGV[5])
else
  redis.call('HDEL', hash, 'c:' .. node)
  redis.call('SREM', KEYS[2], ARGV[5])
end
local after = liveTotal(hash, ARGV[1], node)
local clearing = 0
if after > 0 then
  redis.call('HDEL', hash, 'clear')
elseif before > 0 and redis.call('HEXISTS', hash, 's') == 1 then
  redis.call('HSET', hash, 'clear', now + tonumber(ARGV[4]))
  clearing = 1
end
return {before, after, clearing}`);

/** KEYS: hashes. ARGV[1]: live prefix. Returns {online (0|1), custom status} per hash; a status past its clearing is gone. */
export const STATUSES = new LuaScript(`${LUA_NOW_MS}
${LIVE_TOTAL}
local result = {}
for _, hash in ipairs(KEYS) do
  local online = liveTotal(hash, ARGV[1], '') > 0
  local status = redis.call('HGET', hash, 's') or ''
  local clear = tonumber(redis.call('HGET', hash, 'clear'))
  if not online and clear and clear <= now then
    redis.call('HDEL', hash, 's', 'clear')
    status = ''
  end
  table.insert(result, online and 1 or 0)
  table.insert(result, status)
end
return result`);

/** KEYS[1]: the hash. ARGV[1]: live prefix. 0: cleared now; n > 0: due in n ms; -1: nothing to clear (the user is back). */
export const CLEAR_IF_DUE = new LuaScript(`${LUA_NOW_MS}
${LIVE_TOTAL}
local clear = tonumber(redis.call('HGET', KEYS[1], 'clear'))
if not clear then return -1 end
if liveTotal(KEYS[1], ARGV[1], '') > 0 then
  redis.call('HDEL', KEYS[1], 'clear')
  return -1
end
if clear > now then return clear - now end
redis.call('HDEL', KEYS[1], 's', 'clear')
return 0`);

/**
 * KEYS[1]: whom the subscriber follows; KEYS[i + 1]: who follows ARGV[i + 2]. ARGV: max, subscriber,
 * the (distinct) users. 0 and nothing added if the subscriber would follow more than max.
 */
export const SUBSCRIBE = new LuaScript(`local added = 0
for i = 3, #ARGV do
  if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 0 then added = added + 1 end
end
if redis.call('SCARD', KEYS[1]) + added > tonumber(ARGV[1]) then return 0 end
for i = 3, #ARGV do
  redis.call('SADD', KEYS[1], ARGV[i])
  redis.call('SADD', KEYS[i - 1], ARGV[2])
end
return 1`);
