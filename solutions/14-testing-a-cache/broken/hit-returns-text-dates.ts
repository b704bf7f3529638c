/**
 * Broken cache: a hit returns updatedAt as the ISO text JSON stored, not as a Date.
 *
 * A miss returns a Date, so a check of the first read passes, and so does one that
 * compares prices only. Code that calls updatedAt.getTime() breaks on the second read.
 */
import type { Redis } from 'ioredis';
import type { Product, ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, NOT_FOUND } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  let lastReadHit = false; // one reader at a time in the checks; enough for a broken copy
  const get = async (key: string) => {
    const text = await redis.get(key);
    lastReadHit = text !== null && text !== NOT_FOUND;
    return text;
  };
  const cache = working({ ...options, redis: rewired(redis, { get: get as Redis['get'] }) });
  return {
    ...cache,
    async getProduct(id: number) {
      const product = await cache.getProduct(id);
      return lastReadHit && product ? ({ ...product, updatedAt: product.updatedAt.toISOString() } as unknown as Product) : product;
    },
  };
}
