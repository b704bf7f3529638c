/**
 * Mistake: redisTimeoutMs is raised to at least 100 ms
 * Replaces: product-cache.ts
 * Caught by: 01.14
 *
 * A floor reads like defensive engineering: a 20 ms bound on a busy machine can time out
 * a Redis that was about to answer, and the caller's value is still used whenever it is
 * sensible. Every check with a stalled Redis or a reply far beyond 100 ms stays green. But
 * the caller chose 20 ms for a latency budget this code cannot see; a reply arriving at
 * 25 ms is used when it should have been abandoned, and every request on a slow Redis waits
 * five times what was asked. The option is the bound, with no constant of your own on top.
 */
import type { ProductCache, ProductCacheOptions } from '../../../labs/01-cache-aside/src/contract.js';
import { createProductCache as realCreateProductCache } from '../src/product-cache.js';

const MIN_REDIS_TIMEOUT_MS = 100;

/** The solution's cache, its bound raised to a floor of the code's own. */
export function createProductCache(options: ProductCacheOptions): ProductCache {
  return realCreateProductCache({ ...options, redisTimeoutMs: Math.max(options.redisTimeoutMs ?? 250, MIN_REDIS_TIMEOUT_MS) });
}
