/**
 * Broken cache: "no such product" is never written, so every lookup of a missing id
 * goes to Postgres.
 *
 * Every answer is right, and every key written has its TTL; only counting statements
 * shows that an id nobody sells costs a query on every request.
 */
import type { Redis } from 'ioredis';
import type { ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, NOT_FOUND } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  const set = async (key: string, value: string, unit: 'EX', seconds: number) =>
    value === NOT_FOUND ? 'OK' : redis.set(key, value, unit, seconds);
  return working({ ...options, redis: rewired(redis, { set: set as Redis['set'] }) });
}
