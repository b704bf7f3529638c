/**
 * Mistake: every request is recorded, and a refused one removed again afterwards
 * Replaces: sliding-window.ts
 * Caught by: 10.4, 10.7
 *
 * One MULTI trims, records, counts and sets the TTL, so the count is exact and every key
 * gets its TTL with its first write; a request over the limit is then taken back out with
 * ZREM, and the next decision never sees it. Except that it can: until the ZREM runs, the
 * refused request fills a slot, and a request decided in between (on another instance, a
 * moment later) is refused though the window had room. A process that stops before the
 * ZREM leaves the refusal counted for a whole window. Decide first, then record.
 */
import { randomUUID } from 'node:crypto';
import type { countRequest as CountRequest } from '../src/sliding-window.js';

export const countRequest: typeof CountRequest = async (redis, key, policy, nowMs) => {
  const [seconds, micros] = nowMs === undefined ? await redis.time() : [0, 0];
  const now = nowMs ?? Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
  const member = randomUUID();
  const replies = await redis
    .multi()
    .zremrangebyscore(key, '-inf', now - policy.windowMs)
    .zadd(key, now, member)
    .pexpire(key, policy.windowMs)
    .zcard(key)
    .zrange(key, '0', '0', 'WITHSCORES')
    .exec();
  for (const [error] of replies ?? [[new Error('the transaction was aborted')]]) if (error) throw error;
  const count = Number(replies![3]![1]);
  const freesAtMs = Number((replies![4]![1] as string[])[1]) + policy.windowMs;
  if (count <= policy.limit) return { admitted: true, count, freesAtMs, nowMs: now };
  void redis.zrem(key, member).catch(() => {});
  return { admitted: false, count: policy.limit, freesAtMs, nowMs: now };
};
