/**
 * Broken cache: the product TTL is given to PX instead of EX, so an hour becomes 3.6 s.
 *
 * Every key has a TTL, so a check that only asks "is there a TTL?" passes; only one that
 * bounds the TTL from below sees that products expire almost at once.
 */
import type { Redis } from 'ioredis';
import type { ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, NOT_FOUND } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  const set = (key: string, value: string, unit: 'EX', amount: number) =>
    value === NOT_FOUND ? redis.set(key, value, unit, amount) : redis.set(key, value, 'PX', amount);
  return working({ ...options, redis: rewired(redis, { set: set as Redis['set'] }) });
}
