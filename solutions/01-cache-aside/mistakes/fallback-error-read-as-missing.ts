/**
 * Mistake: when Redis has failed, the fallback query's error is read as "not found"
 * Replaces: get-or-fetch.ts
 * Caught by: 01.8
 *
 * The fallback feels like best effort: Redis is down, the database is the spare, and if
 * the spare fails too there is nothing to show. But null says "no such product": in the
 * outage that takes both down, every product reads as deleted, and callers show 404s or
 * act on a product that does not exist. An error is not an answer, on any path.
 */
import type { Redis } from 'ioredis';
import { getOrFetch as real, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export { MISSING, type Codec, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  let redisDown = false;
  return real(redis, {
    ...options,
    onRedisError: (error) => {
      redisDown = true;
      console.warn(`[cache] Redis unavailable, using the database: ${String(error)}`);
    },
    load: () => options.load().catch((error: unknown) => {
      if (redisDown) return null; // both down: nothing to show
      throw error;
    }),
  });
}
