/**
 * Mistake: updatePrice sends the DEL and returns without waiting for it
 * Replaces: product-cache.ts
 * Caught by: 01.22
 *
 * Fire-and-forget looks like good manners: the caller does not pay for the cache, and a
 * slow Redis cannot slow the write down. But when updatePrice resolves the old price may
 * still be cached: a caller that saves a price and then shows the product page (or a test,
 * or another service told "done") reads the old one. Await the invalidation, bounded by
 * the timeout, before resolving.
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
      redis.del(productKey(keyPrefix, id)).catch((error: unknown) => console.warn(`[cache] invalidation failed: ${String(error)}`));
      return product;
    },
  };
}
