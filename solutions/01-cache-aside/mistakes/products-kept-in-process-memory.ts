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
import type { Product, ProductCache, ProductCacheOptions } from '../../../labs/01-cache-aside/src/contract.js';
import { productKey } from '../src/keys.js';
import { createProductCache as createRealCache } from '../src/product-cache.js';

const local = new Map<string, Product | null>();

/** The solution's cache behind a Map that only this process's updatePrice clears. */
export function createProductCache(options: ProductCacheOptions): ProductCache {
  const shared = createRealCache(options);
  return {
    async getProduct(id) {
      const key = productKey(options.keyPrefix, id);
      if (local.has(key)) return local.get(key) ?? null;
      const product = await shared.getProduct(id);
      local.set(key, product);
      return product;
    },

    async updatePrice(id, priceCents) {
      const product = await shared.updatePrice(id, priceCents);
      local.delete(productKey(options.keyPrefix, id));
      return product;
    },
  };
}
