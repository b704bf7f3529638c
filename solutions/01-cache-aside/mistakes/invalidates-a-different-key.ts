/**
 * Mistake: updatePrice builds the product's key by hand and spells it differently from the reads
 * Replaces: product-cache.ts
 * Caught by: 01.9
 *
 * `products:8` and `product:8` look the same in review, the DEL succeeds (Redis deletes a
 * key that does not exist without complaint), and nothing is logged. But the key the
 * reads fill is never touched, so the old price stays for the full hour. Build every key
 * in one place and use it from both paths.
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
      await withTimeout(redis.del(`${keyPrefix}products:${id}`), redisTimeoutMs).catch(() => {});
      return product;
    },
  };
}
