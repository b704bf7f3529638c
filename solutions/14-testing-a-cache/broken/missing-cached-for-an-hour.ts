/**
 * Broken cache: "no such product" is kept for an hour, like a product.
 *
 * One TTL for everything is simple, and the marker does expire. But a product created a
 * minute after someone looked for it stays invisible for an hour; only an upper bound on
 * the marker's TTL sees it.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS, type ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  // The TTL the working cache asks for is ignored: every entry gets the product's hour.
  const set = (key: string, value: string, unit: 'EX', _asked: number) => redis.set(key, value, unit, PRODUCT_TTL_SECONDS);
  return working({ ...options, redis: rewired(redis, { set: set as Redis['set'] }) });
}
