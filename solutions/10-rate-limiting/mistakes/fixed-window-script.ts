/**
 * Mistake: an atomic fixed window: INCR and the expiry in one script
 * Replaces: sliding-window.ts
 * Caught by: 10.4, 10.5, 10.6
 *
 * This repairs the crash window of INCR-then-EXPIRE: the counter and its TTL arrive
 * together, and every key expires. It is what many production limiters run, and it is
 * fine for abuse protection. It is still a fixed window: at the moment a window turns
 * over the count starts from zero, so a client that spent its budget in the last
 * millisecond of one window spends it again in the first millisecond of the next.
 */
import type { countRequest as CountRequest } from '../src/sliding-window.js';

const FIXED_WINDOW = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
`;

export const countRequest: typeof CountRequest = async (redis, key, policy, nowMs) => {
  const now = nowMs ?? Date.now();
  const windowStart = now - (now % policy.windowMs);
  const counter = `${key}:${windowStart}`;
  const count = Number(await redis.eval(FIXED_WINDOW, 1, counter, policy.windowMs));
  return {
    admitted: count <= policy.limit,
    count: Math.min(count, policy.limit),
    freesAtMs: windowStart + policy.windowMs,
    nowMs: now,
  };
};
