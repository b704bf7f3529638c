/**
 * Broken cache: reads are bounded by redisTimeoutMs, but updatePrice waits for its DEL
 * without a bound.
 *
 * A stalled Redis leaves reads working from Postgres and every write hanging after its
 * commit: the price changed, and the caller never hears so.
 */
import { updateProductPrice, type ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, productKey } from '../../../labs/14-testing-a-cache/src/product-cache.js';

export function createProductCache(options: ProductCacheOptions) {
  return {
    ...working(options),
    async updatePrice(id: number, cents: number) {
      const product = await updateProductPrice(options.db, id, cents);
      await options.redis.del(productKey(options.keyPrefix, id)).catch(() => 0);
      return product;
    },
  };
}
