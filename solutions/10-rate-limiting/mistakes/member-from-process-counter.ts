/**
 * Mistake: members numbered by a counter of the process
 * Replaces: sliding-window.ts
 * Caught by: 10.2
 *
 * This knows that two requests in one millisecond need two members, and numbers them
 * with a counter, which is cheaper than a random UUID. But the counter belongs to one
 * process: the first request on instance A and the first on instance B are both "1" in
 * the same millisecond, one member in the set, counted once between them.
 */
import type { countRequest as CountRequest } from '../src/sliding-window.js';
import { SLIDING_WINDOW_LOG } from '../src/window-script.js';

let sequence = 0;

export const countRequest: typeof CountRequest = async (redis, key, policy, nowMs) => {
  sequence += 1;
  const member = `${nowMs ?? ''}-${sequence}`;
  const at = nowMs === undefined ? '' : String(nowMs);
  const reply = await redis.eval(SLIDING_WINDOW_LOG, 1, key, policy.windowMs, policy.limit, member, at);
  const [admitted, count, oldest, now] = reply as [number, number, number, number];
  return { admitted: admitted === 1, count, freesAtMs: oldest + policy.windowMs, nowMs: now };
};
