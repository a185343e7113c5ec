/*
 * The start gate's two Lua scripts (start-gate.ts), run by Redis on its own clock (TIME), so the
 * hosts' clocks never matter.
 */

/**
 * KEYS: the starts (sorted set), the shared pause. ARGV: window ms, starts allowed in it, a unique
 * member, and optionally a member granted earlier whose start went out late: its stamp is taken
 * out first (whatever the answer), so the window is checked again as it stands now.
 * Answers {0, 0} (start now, recorded), {1, ms} (paused for ms) or {2, ms} (window full for ms).
 */
export const START_GATE_LUA = `
if ARGV[4] then redis.call('ZREM', KEYS[1], ARGV[4]) end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
if paused > now then return {1, paused - now} end
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {2, tonumber(oldest[2]) + window - now + 1}
end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window * 2)
return {0, 0}
`;

/** KEYS: the shared pause. ARGV: ms. Extends (never shortens) the pause; Redis drops the key when it ends. */
export const SHARE_PAUSE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if now + ms > current then redis.call('SET', KEYS[1], now + ms, 'PX', ms) end
return 0
`;
