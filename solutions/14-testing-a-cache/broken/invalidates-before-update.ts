/**
 * Broken cache: updatePrice deletes the cached product before the UPDATE, not after it.
 *
 * In a quiet test it works. A reader that misses while the UPDATE runs loads the old row
 * and caches it after the delete, and that old price stays for an hour.
 */
import { updateProductPrice, type ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { bounded, createProductCache as working, productKey } from '../../../labs/14-testing-a-cache/src/product-cache.js';

export function createProductCache(options: ProductCacheOptions) {
  return {
    ...working(options),
    async updatePrice(id: number, cents: number) {
      await bounded(options.redis.del(productKey(options.keyPrefix, id)), options.redisTimeoutMs ?? 250).catch(() => 0);
      return updateProductPrice(options.db, id, cents);
    },
  };
}
