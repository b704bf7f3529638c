/**
 * Broken cache: the key leaves out the id, so every product shares one entry.
 *
 * Read product 3 twice and everything is right: one query, the same product, a TTL of an
 * hour. Read product 4 after it, and you get product 3.
 */
import type { Redis } from 'ioredis';
import type { ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  const shared = (key: string) => key.replace(/:\d+$/, '');
  const get = (key: string) => redis.get(shared(key));
  const set = (key: string, ...rest: [string, 'EX', number]) => redis.set(shared(key), ...rest);
  const del = (key: string) => redis.del(shared(key));
  return working({ ...options, redis: rewired(redis, { get, set: set as Redis['set'], del: del as Redis['del'] }) });
}
