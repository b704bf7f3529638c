/**
 * Mistake: the counters are written with a catch but no timeout
 * Replaces: cache-stats.ts
 * Caught by: 11.16
 *
 * Counting is an afterthought to the request, so a try/catch around the HINCRBY seems
 * enough: a Redis that is down rejects, and the request carries on. A stalled Redis does
 * not reject; awaited without a timeout, the counter holds every request, hit or miss,
 * although the answer is already there. Bound the counters like every other command.
 */
import type { Redis } from 'ioredis';
import { statsCounter as exact, type StatsCounter } from '../src/cache-stats.js';

export function statsCounter(redis: Redis, key: string, redisTimeoutMs: number): StatsCounter {
  const counter = exact(redis, key, redisTimeoutMs);
  const count = async (field: string) => {
    await redis.hincrby(key, field, 1).catch(() => 0);
  };
  return {
    ...counter,
    paid: () => count('paidCalls'),
    async answered(completion, paid) {
      if (paid) return count('misses');
      await counter.answered(completion, paid);
    },
  };
}
