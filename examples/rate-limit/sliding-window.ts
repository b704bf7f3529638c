// Sliding-window rate limiting with a sorted set: one member per accepted request,
// scored by its time; old members are trimmed and the rest counted, all inside one
// script.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RateLimiter } from './fixed-window.js';
import { scriptCommand } from './script-command.js';

// #region sliding-window-script
// KEYS[1] the subject's sorted set; ARGV: window ms, limit, a unique member id.
// The clock is Redis's own (TIME), so app servers with skewed clocks still agree.
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])

redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return { 1, count + 1, 0 }
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { 0, count, tonumber(oldest[2]) + window - now }
`;
// #endregion sliding-window-script

type SlidingWindowCommand = (
  key: string,
  windowMs: number,
  limit: number,
  member: string,
) => Promise<[number, number, number]>;

// #region sliding-window
export function slidingWindowLimiter(
  redis: Redis,
  options: { prefix: string; limit: number; windowMs: number },
): RateLimiter {
  const run = scriptCommand<SlidingWindowCommand>(
    redis,
    'rateLimitSlidingWindow',
    SLIDING_WINDOW,
  );

  return {
    async check(subject) {
      const key = `${options.prefix}rl:sliding:${subject}`;
      // A unique member: two requests in the same millisecond
      // must not collapse into one.
      const member = randomUUID();
      const [allowed, count, retryAfterMs] = await run(
        key,
        options.windowMs,
        options.limit,
        member,
      );
      return {
        allowed: allowed === 1,
        limit: options.limit,
        remaining: Math.max(0, options.limit - count),
        retryAfterMs,
      };
    },
  };
}
// #endregion sliding-window
