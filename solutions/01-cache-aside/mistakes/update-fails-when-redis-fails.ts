/**
 * Mistake: a failed invalidation makes updatePrice reject, after the UPDATE committed
 * Replaces: product-cache.ts
 * Caught by: 01.25
 *
 * Letting the error through feels honest: the cache could not be cleared, so say so. But
 * the price is already committed. The caller sees a failure for a write that happened,
 * retries or shows an error, and every price change fails while Redis is sick, although
 * the cache is only an optimisation. Log the failed DEL; the TTL bounds the stale window.
 */
import {
  MISSING_TTL_SECONDS,
  PRODUCT_TTL_SECONDS,
  selectProduct,
  updateProductPrice,
  type ProductCache,
  type ProductCacheOptions,
} from '../../../labs/01-cache-aside/src/contract.js';
import { getOrFetch } from '../src/get-or-fetch.js';
import { productKey } from '../src/keys.js';
import { productCodec } from '../src/product-codec.js';
import { withTimeout } from '../src/with-timeout.js';

export function createProductCache({ redis, db, keyPrefix, redisTimeoutMs = 250 }: ProductCacheOptions): ProductCache {
  return {
    getProduct: (id) =>
      getOrFetch(redis, {
        key: productKey(keyPrefix, id),
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs,
        load: () => selectProduct(db, id),
      }),

    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents);
      await withTimeout(redis.del(productKey(keyPrefix, id)), redisTimeoutMs);
      return product;
    },
  };
}
