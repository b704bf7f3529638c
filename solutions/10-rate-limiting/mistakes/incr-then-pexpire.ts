/**
 * Mistake: a fixed window counted with INCR, and its expiry set by a second command
 * Replaces: sliding-window.ts
 * Caught by: 10.4, 10.5, 10.6, 10.7
 *
 * The lesson's first version, and the one most tutorials show: INCR the window's counter,
 * and when it has just been created, PEXPIRE it. Concurrent requests get distinct counts,
 * so the limit holds across instances. Two flaws remain. A process that stops between the
 * two commands leaves a counter that never expires. And a fixed window forgets everything
 * when it turns over: a client can spend its budget at the end of one window and again at
 * the start of the next.
 */
import type { countRequest as CountRequest } from '../src/sliding-window.js';

export const countRequest: typeof CountRequest = async (redis, key, policy, nowMs) => {
  const now = nowMs ?? Date.now();
  const windowStart = now - (now % policy.windowMs);
  const counter = `${key}:${windowStart}`;
  const count = await redis.incr(counter);
  if (count === 1) await redis.pexpire(counter, policy.windowMs);
  const admitted = count <= policy.limit;
  return {
    admitted,
    count: Math.min(count, policy.limit),
    freesAtMs: windowStart + policy.windowMs,
    nowMs: now,
  };
};
