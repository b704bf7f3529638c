/**
 * Mistake: the request's time is its own sorted-set member
 * Replaces: sliding-window.ts
 * Caught by: 10.2, 10.3, 10.5
 *
 * A sorted set of request times, with the time as the score and, since it is at hand,
 * as the member too. It passes every test that sends one request per millisecond. But a
 * sorted set holds each member once: requests that arrive in the same millisecond, which
 * under load is most of them, become one member, are counted once, and all get through.
 */
import type { countRequest as CountRequest } from '../src/sliding-window.js';
import { SLIDING_WINDOW_LOG } from '../src/window-script.js';

export const countRequest: typeof CountRequest = async (redis, key, policy, nowMs) => {
  const at = nowMs === undefined ? '' : String(nowMs);
  const member = String(nowMs ?? Date.now());
  const reply = await redis.eval(SLIDING_WINDOW_LOG, 1, key, policy.windowMs, policy.limit, member, at);
  const [admitted, count, oldest, now] = reply as [number, number, number, number];
  return { admitted: admitted === 1, count, freesAtMs: oldest + policy.windowMs, nowMs: now };
};
