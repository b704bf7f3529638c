/**
 * Broken cache: products are kept for a minute, the TTL meant for "no such product".
 *
 * Every key expires, and a minute is even a plausible TTL, so a check that only asks
 * for "a TTL of some seconds" passes. The database then takes sixty times the reads the
 * design promised: only a lower bound near the hour sees it.
 */
import type { Redis } from 'ioredis';
import { MISSING_TTL_SECONDS, type ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  // Whatever the working cache asks for, every entry gets the marker's minute.
  const set = (key: string, value: string, unit: 'EX', _asked: number) => redis.set(key, value, unit, MISSING_TTL_SECONDS);
  return working({ ...options, redis: rewired(redis, { set: set as Redis['set'] }) });
}
