/**
 * Mistake: concurrent reads share one in-flight load, whatever product they asked for
 * Replaces: product-cache.ts
 * Caught by: 01.10
 *
 * Coalescing concurrent misses is a real technique (lesson 04), and with one product read
 * at a time every check of it passes. But the in-flight promise here is one per cache,
 * not one per id: while product 1 loads, a reader of product 2 joins it and gets product
 * 1. Anything shared between requests (a key, a lock, a pending promise) must be keyed
 * by what the request asked for.
 */
import {
  MISSING_TTL_SECONDS,
  PRODUCT_TTL_SECONDS,
  selectProduct,
  updateProductPrice,
  type Product,
  type ProductCache,
  type ProductCacheOptions,
} from '../../../labs/01-cache-aside/src/contract.js';
import { getOrFetch } from '../src/get-or-fetch.js';
import { productKey } from '../src/keys.js';
import { productCodec } from '../src/product-codec.js';
import { withTimeout } from '../src/with-timeout.js';

export function createProductCache({ redis, db, keyPrefix, redisTimeoutMs = 250 }: ProductCacheOptions): ProductCache {
  let inFlight: Promise<Product | null> | undefined;

  return {
    getProduct(id) {
      inFlight ??= getOrFetch(redis, {
        key: productKey(keyPrefix, id),
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs,
        load: () => selectProduct(db, id),
      }).finally(() => (inFlight = undefined));
      return inFlight;
    },

    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents);
      await withTimeout(redis.del(productKey(keyPrefix, id)), redisTimeoutMs).catch(() => {});
      return product;
    },
  };
}
