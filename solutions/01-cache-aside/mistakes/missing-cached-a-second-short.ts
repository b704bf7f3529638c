/**
 * Mistake: "not found" is remembered for 59 seconds, not MISSING_TTL_SECONDS
 * Replaces: get-or-fetch.ts
 * Caught by: 01.5
 *
 * A second less than the minute looks harmless, even kinder to a product created just
 * after its lookup. But the constant is the contract the rest of the system counts on
 * (an import job that waits out the negative cache before announcing new products), and
 * a TTL a little off in one place is how caches drift from what their owners believe.
 */
import type { Redis } from 'ioredis';
import { getOrFetch as fetchForTheMinute, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export { MISSING, type Codec, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  return fetchForTheMinute(redis, { ...options, missingTtlSeconds: options.missingTtlSeconds - 1 });
}
