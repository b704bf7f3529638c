/**
 * Mistake: redisTimeoutMs is ignored; every Redis call gets a fixed 1.5 s
 * Replaces: product-cache.ts
 * Caught by: 01.14, 01.16, 01.26, 01.27
 *
 * A generous constant looks harmless: a down Redis still falls back, just later, and the
 * "Redis down" checks stay green. But the caller chose the bound for its latency budget:
 * a request that must answer in 100 ms now waits 1.5 s on every call while Redis is
 * sick, and the documented default of 250 ms is not what anyone gets.
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

const REDIS_TIMEOUT_MS = 1500;

export function createProductCache({ redis, db, keyPrefix }: ProductCacheOptions): ProductCache {
  return {
    getProduct: (id) =>
      getOrFetch(redis, {
        key: productKey(keyPrefix, id),
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs: REDIS_TIMEOUT_MS,
        load: () => selectProduct(db, id),
      }),

    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents);
      await withTimeout(redis.del(productKey(keyPrefix, id)), REDIS_TIMEOUT_MS).catch(() => {});
      return product;
    },
  };
}
