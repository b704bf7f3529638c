import {
  MISSING_TTL_SECONDS,
  PRODUCT_TTL_SECONDS,
  selectProduct,
  updateProductPrice,
  type ProductCache,
  type ProductCacheOptions,
} from '../../../labs/01-cache-aside/src/contract.js';
import { getOrFetch } from './get-or-fetch.js';
import { productKey } from './keys.js';
import { productCodec } from './product-codec.js';
import { withTimeout } from './with-timeout.js';

export function createProductCache({ redis, db, keyPrefix, redisTimeoutMs = 250 }: ProductCacheOptions): ProductCache {
  return {
    // #region get-product
    getProduct: (id) =>
      getOrFetch(redis, {
        key: productKey(keyPrefix, id),
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs,
        load: () => selectProduct(db, id),
      }),
    // #endregion get-product

    // #region update-price
    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents);
      // Delete after the commit, don't overwrite: the next read loads the committed row.
      // If Redis is unavailable the write still stands; the TTL bounds the stale window.
      await withTimeout(redis.del(productKey(keyPrefix, id)), redisTimeoutMs).catch((error: unknown) =>
        console.warn(`[cache] could not invalidate product ${id}: ${String(error)}`),
      );
      return product;
    },
    // #endregion update-price
  };
}
