/**
 * Mistake: stats() reports zeros when Redis cannot answer
 * Replaces: cache-stats.ts
 * Caught by: 11.15, 11.16
 *
 * Swallowing the error keeps the stats endpoint green, which feels like resilience. But
 * zeros are a claim: a dashboard plots them as "the cache saved nothing", and an alert on
 * the hit rate fires for the wrong reason, or a cost report is filed with a hole in it.
 * When the totals cannot be read, say so: reject.
 */
import type { Redis } from 'ioredis';
import { statsCounter as exact, type StatsCounter } from '../src/cache-stats.js';

export function statsCounter(redis: Redis, key: string, redisTimeoutMs: number): StatsCounter {
  const counter = exact(redis, key, redisTimeoutMs);
  const zeros = { hits: 0, misses: 0, paidCalls: 0, tokensSaved: 0, costSaved: 0 };
  return { ...counter, read: () => counter.read().catch(() => zeros) };
}
