/**
 * Mistake: a failing product query is tried once more before the read gives up
 * Replaces: get-or-fetch.ts
 * Caught by: 01.8
 *
 * "Retry a blip" is a reflex, and a query that failed once often works the second time.
 * But the cache is the wrong place for it: a database already in trouble gets twice the
 * queries from every read that misses, just when it can least take them, and the pool
 * (or the caller, who knows whether the read is worth it) already decides about retries.
 */
import type { Redis } from 'ioredis';
import { getOrFetch as readOnce, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export { MISSING, type Codec, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  return readOnce(redis, { ...options, load: () => options.load().catch(() => options.load()) });
}
