/**
 * Broken cache: "no such product" is written without a TTL.
 *
 * A product created later never shows up for that id. Checks of products' TTLs pass;
 * only one that looks at the missing marker's TTL sees it.
 */
import type { Redis } from 'ioredis';
import type { ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, NOT_FOUND } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  const set = (key: string, value: string, unit: 'EX', seconds: number) =>
    value === NOT_FOUND ? redis.set(key, value) : redis.set(key, value, unit, seconds);
  return working({ ...options, redis: rewired(redis, { set: set as Redis['set'] }) });
}
