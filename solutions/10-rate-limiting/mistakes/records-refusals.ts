/**
 * Mistake: every request is recorded, the refused ones too
 * Replaces: window-script.ts
 * Caught by: 10.4, 10.9
 *
 * Recording first and counting afterwards reads naturally: log the request, then see
 * how many there are. But a refused request now takes a slot in the window. A client that
 * keeps retrying while it is limited pushes its own window forward with every retry and
 * never gets back in, however long it has been since it was last let through.
 */
// The sliding window log as one script, so no other command (from this process or
// another) runs between its steps, and a process that dies mid-request has recorded all
// of the step or none of it.
// KEYS[1]: the caller's log, a sorted set of requests scored by their time in ms.
// ARGV: window ms, limit, a member no other request uses, and the time in ms, or '' to
// take the Redis server's own (one clock for every instance).
export const SLIDING_WINDOW_LOG = `
local window, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
local now = tonumber(ARGV[4])
if not now then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
-- A request made at t counts until t + window, exclusive.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
local count = redis.call('ZCARD', KEYS[1])
local admitted = 0
if count <= limit then admitted = 1 end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { admitted, count, tonumber(oldest[2]), now }
`;
