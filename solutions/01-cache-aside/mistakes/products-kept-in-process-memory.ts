/**
 * Mistake: a Map in process memory sits in front of Redis, and only this process's writes clear it
 * Replaces: product-cache.ts
 * Caught by: 01.23
 *
 * A local Map answers in nanoseconds, saves a network round trip per hit, and in a test
 * with one process it behaves perfectly: updatePrice deletes from the Map and from Redis.
 * But every instance of the app has its own Map. A price changed by instance A stays old
 * in instance B's Map for as long as B runs. Redis is the cache the processes share; a
 * local tier needs its own invalidation broadcast (lesson 07).
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

const local = new Map<string, Product | null>();

export function createProductCache({ redis, db, keyPrefix, redisTimeoutMs = 250 }: ProductCacheOptions): ProductCache {
  return {
    async getProduct(id) {
      const key = productKey(keyPrefix, id);
      if (local.has(key)) return local.get(key) ?? null;
      const product = await getOrFetch(redis, {
        key,
        ttlSeconds: PRODUCT_TTL_SECONDS,
        missingTtlSeconds: MISSING_TTL_SECONDS,
        codec: productCodec,
        redisTimeoutMs,
        load: () => selectProduct(db, id),
      });
      local.set(key, product);
      return product;
    },

    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents);
      const key = productKey(keyPrefix, id);
      local.delete(key);
      await withTimeout(redis.del(key), redisTimeoutMs).catch(() => {});
      return product;
    },
  };
}
