// Lua scripts of the Redis counter store. Each runs atomically on the server; when ARGV[1] is empty the
// script reads the server's TIME, so several gateway instances with drifting clocks share one clock.

const NOW = `
local now
if ARGV[1] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[1])
end`

/**
 * KEYS: bucket keys. ARGV: now|'', nonce, then limit and window (ms) per key.
 * Checks every bucket first and consumes only when all have room: {1} or {0, index (1-based), retryMs}.
 */
export const TAKE_SCRIPT = `${NOW}
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[1 + i * 2])
  local window = tonumber(ARGV[2 + i * 2])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  if redis.call('ZCARD', key) >= limit then
    local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    local retry = math.ceil(tonumber(oldest[2]) + window - now)
    if retry < 1 then retry = 1 end
    return {0, i, retry}
  end
end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[2] .. ':' .. i)
  redis.call('PEXPIRE', key, tonumber(ARGV[2 + i * 2]))
end
return {1}`

/**
 * KEYS[1]: the sum's key. ARGV: now|'', window (ms), amount, nonce. Adds the amount (members are
 * "amount:nonce", scored by time) and returns the window's sum as a string (Lua numbers would be cut to
 * integers on the way out).
 */
export const ADD_SCRIPT = `${NOW}
local window = tonumber(ARGV[2])
local amount = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if amount ~= 0 then
  redis.call('ZADD', KEYS[1], now, ARGV[3] .. ':' .. ARGV[4])
  redis.call('PEXPIRE', KEYS[1], window)
end
local total = 0
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  total = total + tonumber(string.match(m, '^([^:]+)'))
end
return string.format('%.17g', total)`
