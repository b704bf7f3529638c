/**
 * Mistake: count in one round trip, record in the next
 * Replaces: sliding-window.ts
 * Caught by: 10.2, 10.3, 10.5, 10.11, 10.13
 *
 * Each step is a MULTI, so each looks atomic: the count and the oldest entry together,
 * then the trim, the ZADD and its PEXPIRE, so every key gets its TTL with its first write.
 * But the decision is taken between the two transactions, on a count that another
 * instance may have changed meanwhile. Requests that arrive together all read "one slot
 * left", all record themselves, and the limit leaks by as many as raced.
 */
import { randomUUID } from 'node:crypto';
import type { countRequest as CountRequest } from '../src/sliding-window.js';

export const countRequest: typeof CountRequest = async (redis, key, policy, nowMs) => {
  const now = nowMs ?? Date.now();
  const since = `(${now - policy.windowMs}`;
  const counted = await redis
    .multi()
    .zcount(key, since, '+inf')
    .zrangebyscore(key, since, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
    .exec();
  const count = Number(counted?.[0]?.[1] ?? 0);
  const oldest = Number((counted?.[1]?.[1] as string[] | undefined)?.[1] ?? now);
  if (count >= policy.limit) {
    return { admitted: false, count, freesAtMs: oldest + policy.windowMs, nowMs: now };
  }
  await redis
    .multi()
    .zremrangebyscore(key, '-inf', now - policy.windowMs)
    .zadd(key, now, randomUUID())
    .pexpire(key, policy.windowMs)
    .exec();
  const freesAtMs = (count === 0 ? now : oldest) + policy.windowMs;
  return { admitted: true, count: count + 1, freesAtMs, nowMs: now };
};
