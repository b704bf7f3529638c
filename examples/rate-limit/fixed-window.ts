// Fixed-window rate limiting: one counter per API key per window, counted and given its
// expiry in one atomic Lua script.
import type { Redis } from 'ioredis';
import { scriptCommand } from './script-command.js';

// #region fixed-window-script
// INCR and PEXPIRE in one script: no client can crash or be cut off between them, so
// the counter can never be left without an expiry (which would block the key forever).
// The `pttl < 0` branch also repairs a counter some older code left without a TTL.
const FIXED_WINDOW = `
local count = redis.call('INCR', KEYS[1])
local pttl = redis.call('PTTL', KEYS[1])
if count == 1 or pttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  pttl = tonumber(ARGV[1])
end
return { count, pttl }
`;
// #endregion fixed-window-script

export interface LimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /**
   * Milliseconds until the caller may try again (window end, or oldest hit ageing out).
   */
  retryAfterMs: number;
}

export interface RateLimiter {
  check(subject: string): Promise<LimitDecision>;
}

type FixedWindowCommand = (key: string, windowMs: number) => Promise<[number, number]>;

// #region fixed-window
export function fixedWindowLimiter(
  redis: Redis,
  options: { prefix: string; limit: number; windowMs: number },
): RateLimiter {
  const run = scriptCommand<FixedWindowCommand>(
    redis,
    'rateLimitFixedWindow',
    FIXED_WINDOW,
  );

  return {
    async check(subject) {
      // One counter per subject (API key). The window opens with the subject's first
      // request and closes when the key expires; PTTL says how long is left.
      const key = `${options.prefix}rl:fixed:${subject}`;
      const [count, pttl] = await run(key, options.windowMs);
      return {
        allowed: count <= options.limit,
        limit: options.limit,
        remaining: Math.max(0, options.limit - count),
        retryAfterMs: count <= options.limit ? 0 : Math.max(pttl, 0),
      };
    },
  };
}
// #endregion fixed-window

// #region incr-then-expire
// Wrong: two round trips. If the process dies, times out or loses its connection after
// INCR and before EXPIRE, the counter has no TTL: it never resets, and once it passes
// the limit that API key is refused forever.
export async function fixedWindowTwoCommands(
  redis: Redis,
  key: string,
  limit: number,
  windowSeconds: number,
) {
  const count = await redis.incr(key);
  if (count === 1) await redis.expire(key, windowSeconds); // never runs if we crash above
  return count <= limit;
}
// #endregion incr-then-expire
