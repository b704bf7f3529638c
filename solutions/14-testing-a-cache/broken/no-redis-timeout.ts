/**
 * Broken cache: reads wait for Redis as long as Redis takes; only updatePrice is bounded.
 *
 * Against a healthy Redis nothing shows, and a check of updatePrice on a stalled Redis
 * passes. A stalled Redis (a partition, a frozen server) never answers the GET, and every
 * read waits with it.
 */
import type { ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working } from '../../../labs/14-testing-a-cache/src/product-cache.js';

/** The longest a Node timer can wait: about 24 days, which is to say for ever. */
const FOREVER_MS = 2 ** 31 - 1;

export function createProductCache(options: ProductCacheOptions) {
  const unbounded = working({ ...options, redisTimeoutMs: FOREVER_MS });
  return { getProduct: unbounded.getProduct, updatePrice: working(options).updatePrice };
}
