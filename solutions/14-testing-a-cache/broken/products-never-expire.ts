/**
 * Broken cache: products are written without a TTL.
 *
 * The "not found" marker keeps its minute, so checks that only look at missing products
 * see a TTL; a product stays in Redis until someone deletes it.
 */
import type { Redis } from 'ioredis';
import type { ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, NOT_FOUND } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  const set = (key: string, value: string, unit: 'EX', seconds: number) =>
    value === NOT_FOUND ? redis.set(key, value, unit, seconds) : redis.set(key, value);
  return working({ ...options, redis: rewired(redis, { set: set as Redis['set'] }) });
}
