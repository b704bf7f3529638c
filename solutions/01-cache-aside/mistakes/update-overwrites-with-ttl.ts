/**
 * Mistake: updatePrice overwrites the cached product with the new one (SET ... EX) instead of deleting it
 * Replaces: product-cache.ts
 * Caught by: 01.24
 *
 * It has a TTL, it is one command, and the next reader gets a hit with the new price
 * instead of a miss: write-through looks strictly better than a delete. But two updates of
 * one product can reach Redis in the other order than they committed: the writer that
 * committed first pauses (GC, a slow network), the second one commits and sets its price,
 * then the first one's SET lands and puts the older price back for an hour. A DEL has no
 * order to get wrong: the next read loads whatever committed last.
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
        const write = redis.set(productKey(keyPrefix, id), productCodec.encode(product), 'EX', PRODUCT_TTL_SECONDS);
        await withTimeout(write, redisTimeoutMs).catch(() => {});
      }
      return product;
    },
  };
}
