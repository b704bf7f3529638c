/**
 * Mistake: the log's expiry is set once, when the key is created
 * Replaces: window-script.ts
 * Caught by: 10.7
 *
 * The lesson warns against EXPIRE on every request of a fixed window, where it pushes the
 * reset out for ever; `NX` (Redis 7: only when the key has no expiry) carries that habit
 * over. In a sliding log it is wrong the other way: the key expires one window after the
 * first request, taking with it the requests recorded since, which still count. A client
 * that paces itself gets in again early. Each recorded request must extend the key's life
 * to a full window.
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
local count = redis.call('ZCARD', KEYS[1])
local admitted = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window, 'NX')
  count, admitted = count + 1, 1
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { admitted, count, tonumber(oldest[2]), now }
`;
