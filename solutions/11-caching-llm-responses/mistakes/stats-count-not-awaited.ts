/**
 * Mistake: the counts are sent and not awaited, so a request ends before they are in Redis
 * Replaces: cache-stats.ts
 * Caught by: 11.24
 *
 * Counting is best effort, so not waiting for it looks like a free latency win: the caller
 * gets the answer a round trip sooner. But "best effort" is about a Redis in trouble, and
 * the README promises the totals are up to date when the request has ended. A dashboard
 * or a test that reads stats() right after a request sees the old numbers, and a process
 * that shuts down after its last request drops its counts. The bound is what keeps
 * counting cheap, not skipping the wait.
 */
import type { Redis } from 'ioredis';
export { priceOf } from '../src/cache-stats.js';
import { statsCounter as awaited, type StatsCounter } from '../src/cache-stats.js';

export function statsCounter(redis: Redis, key: string, redisTimeoutMs: number): StatsCounter {
  const counter = awaited(redis, key, redisTimeoutMs);
  return {
    ...counter,
    paid: async () => void counter.paid(),
    answered: async (completion, paid) => void counter.answered(completion, paid),
  };
}
