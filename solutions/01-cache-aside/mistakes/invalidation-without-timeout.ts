/**
 * Mistake: the DEL after the UPDATE is caught but not bounded, so a stalled Redis hangs every price change
 * Replaces: product-cache.ts
 * Caught by: 01.25
 *
 * The reads got their timeout, and the DEL got a .catch(): errors are logged, the committed
 * product is returned, so it looks finished. But a stalled or unreachable Redis does not
 * throw. ioredis queues the DEL and reconnects, and updatePrice waits, although the
 * price committed long ago: the admin's save button spins until the request times out.
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
      await redis.del(productKey(keyPrefix, id)).catch((error: unknown) => console.warn(`[cache] could not invalidate: ${String(error)}`));
      return product;
    },
  };
}
