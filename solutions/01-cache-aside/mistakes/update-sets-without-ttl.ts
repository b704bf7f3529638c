/**
 * Mistake: updatePrice writes the new product into Redis with a plain SET, no TTL
 * Replaces: product-cache.ts
 * Caught by: 01.9, 01.24
 *
 * "Refresh the cache on write" reads well: the next reader gets a hit with the new
 * price at once. But this SET has no EX, so the key now lives for ever, long after the
 * catalog's hour; a missed update later is never repaired. The read path's TTL does not
 * protect a key another code path wrote. And two racing writers can leave the older price
 * in place, since the slower one's SET lands last.
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
      if (product) {
        await withTimeout(redis.set(productKey(keyPrefix, id), productCodec.encode(product)), redisTimeoutMs).catch(() => {});
      }
      return product;
    },
  };
}
