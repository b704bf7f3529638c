/**
 * Broken cache: "no such product" is written with PX instead of EX, so a minute becomes 60 ms.
 *
 * The marker has a TTL, and one at most a minute, so a check bounded from above only
 * passes. It is gone before the next request, and a missing id costs a query almost
 * every time: only a lower bound on the marker's TTL, or a count of SELECTs, sees it.
 */
import type { Redis } from 'ioredis';
import type { ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, NOT_FOUND } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  const set = (key: string, value: string, unit: 'EX', amount: number) =>
    value === NOT_FOUND ? redis.set(key, value, 'PX', amount) : redis.set(key, value, unit, amount);
  return working({ ...options, redis: rewired(redis, { set: set as Redis['set'] }) });
}
