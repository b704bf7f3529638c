/**
 * Mistake: a hit renews the TTL once less than a fifth of it is left
 * Replaces: read-through.ts
 * Caught by: 02.15
 *
 * "Refresh ahead" done by halves: a hit on a copy about to expire pushes its expiry back,
 * so a popular key never falls out of the cache and its readers never see a miss. Hits
 * early in the TTL leave it alone, so a check that ages a key only part way sees nothing.
 * But the copy is never reloaded: each renewal extends the life of the value Postgres
 * gave at the first miss, and a key read at least once every few minutes is served
 * stale for ever. A TTL counts from the load; refreshing means loading again, not renewing.
 */
import type { Redis } from 'ioredis';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  const { key, ttlMs } = options;
  let loaded = false;
  const value = await realReadThrough(redis, { ...options, load: () => ((loaded = true), options.load()) });
  if (!loaded && value !== null) {
    const left = await redis.pttl(key);
    if (left >= 0 && left < ttlMs / 5) await redis.pexpire(key, ttlMs);
  }
  return value;
}
