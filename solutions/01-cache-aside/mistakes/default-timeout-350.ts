/**
 * Mistake: without redisTimeoutMs, a Redis call may take 350 ms
 * Replaces: product-cache.ts
 * Caught by: 01.16
 *
 * 350 ms still bounds the wait, so a stalled Redis no longer holds a request for good,
 * and it leaves a slow network more room. But the README's default is 250 ms: a service
 * that counts on it for its latency budget waits 40% longer on every sick-Redis request.
 */
import type { ProductCache, ProductCacheOptions } from '../../../labs/01-cache-aside/src/contract.js';
import { createProductCache as createRight } from '../src/product-cache.js';

export type { CacheDeps } from '../src/product-cache.js';

export function createProductCache(options: ProductCacheOptions): ProductCache {
  return createRight({ ...options, redisTimeoutMs: options.redisTimeoutMs ?? 350 });
}
