/**
 * Broken cache: a failing SELECT still rejects, but first writes "no such product".
 *
 * The caller sees the error, so a check that only expects a rejection passes. For the
 * next minute, long after Postgres has recovered, the product reads as missing.
 */
import { MISSING_TTL_SECONDS, type ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, NOT_FOUND, productKey } from '../../../labs/14-testing-a-cache/src/product-cache.js';

export function createProductCache(options: ProductCacheOptions) {
  const cache = working(options);
  const markMissing = (id: number) => options.redis.set(productKey(options.keyPrefix, id), NOT_FOUND, 'EX', MISSING_TTL_SECONDS);
  return {
    ...cache,
    getProduct: (id: number) =>
      cache.getProduct(id).catch(async (error: unknown) => {
        await markMissing(id);
        throw error;
      }),
  };
}
