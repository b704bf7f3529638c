/**
 * Broken cache: a failing query is answered as "no such product", and cached as such.
 *
 * The caller never sees the error, and for a minute after Postgres recovers the product
 * reads as missing. A check that only runs with a healthy database cannot see it.
 */
import { MISSING_TTL_SECONDS, type ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, NOT_FOUND, productKey } from '../../../labs/14-testing-a-cache/src/product-cache.js';

export function createProductCache(options: ProductCacheOptions) {
  const cache = working(options);
  return {
    ...cache,
    async getProduct(id: number) {
      try {
        return await cache.getProduct(id);
      } catch {
        await options.redis.set(productKey(options.keyPrefix, id), NOT_FOUND, 'EX', MISSING_TTL_SECONDS);
        return null;
      }
    },
  };
}
