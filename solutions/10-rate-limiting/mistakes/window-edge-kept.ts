/**
 * Mistake: a request still counts at exactly t + windowMs
 * Replaces: window-script.ts
 * Caught by: 10.4, 10.5
 *
 * The trim keeps entries scored exactly now - window ("older than the window" read as
 * strictly older). It looks like a harmless choice of < or <=, and the limit itself
 * holds. But a request made at t then counts for windowMs + 1 ms: a client told by
 * Retry-After to come back at t + windowMs is refused once more, and the README's window
 * is not the one the code enforces.
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
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - window))
local count = redis.call('ZCARD', KEYS[1])
local admitted = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  count, admitted = count + 1, 1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { admitted, count, tonumber(oldest[2]), now }
`;
