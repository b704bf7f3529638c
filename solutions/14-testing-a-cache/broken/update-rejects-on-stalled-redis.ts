/**
 * Broken cache: updatePrice bounds its DEL, and then lets the timeout reject the call.
 *
 * Nothing hangs, so a check that only bounds updatePrice with within() and ignores how it
 * settles passes. But the UPDATE has committed: the caller hears "failed" for a price that
 * did change, and may retry or report an error that is not one.
 */
import { updateProductPrice, type ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { bounded, createProductCache as working, productKey } from '../../../labs/14-testing-a-cache/src/product-cache.js';

export function createProductCache(options: ProductCacheOptions) {
  return {
    ...working(options),
    async updatePrice(id: number, cents: number) {
      const product = await updateProductPrice(options.db, id, cents);
      await bounded(options.redis.del(productKey(options.keyPrefix, id)), options.redisTimeoutMs ?? 250);
      return product;
    },
  };
}
