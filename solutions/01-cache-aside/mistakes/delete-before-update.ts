/**
 * Mistake: the cached copy is deleted before the UPDATE instead of after the commit
 * Replaces: product-cache.ts
 * Caught by: 01.21
 *
 * "Clear the cache, then write" feels like the safe order: nothing stale is left when the
 * write starts. But the UPDATE takes time. A reader arriving in between misses, loads the
 * row Postgres still holds (the old price), and caches it for the full hour; nothing
 * deletes it again, so every reader sees the old price until the TTL ends.
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
      await withTimeout(redis.del(productKey(keyPrefix, id)), redisTimeoutMs).catch(() => {});
      return updateProductPrice(db, id, priceCents);
    },
  };
}
