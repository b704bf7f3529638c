/**
 * Mistake: without redisTimeoutMs, a Redis call is given up on after 150 ms
 * Replaces: product-cache.ts
 * Caught by: 01.16
 *
 * A tighter bound looks safer: a sick Redis costs each request less. But the README's
 * default is 250 ms: a Redis that is merely slow for a moment (a fork for a snapshot, a
 * busy neighbour) answers in 200 ms, and every such read now goes to Postgres instead.
 */
import type { ProductCache, ProductCacheOptions } from '../../../labs/01-cache-aside/src/contract.js';
import { createProductCache as createRight } from '../src/product-cache.js';

export type { CacheDeps } from '../src/product-cache.js';

export function createProductCache(options: ProductCacheOptions): ProductCache {
  return createRight({ ...options, redisTimeoutMs: options.redisTimeoutMs ?? 150 });
}
