/**
 * Broken cache: the namespace goes at the end of the key (`product:7:<keyPrefix>`), so
 * every key lands outside the prefix it was given.
 *
 * Reads, hits and invalidation all work, on keys nobody expects: a SCAN of the prefix,
 * a cleanup of the prefix, or a neighbour's keys with the same name.
 */
import type { Redis } from 'ioredis';
import type { ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis, keyPrefix } = options;
  const moved = (key: string) => `${key.slice(keyPrefix.length)}:${keyPrefix}`;
  const get = (key: string) => redis.get(moved(key));
  const set = (key: string, ...rest: [string, 'EX', number]) => redis.set(moved(key), ...rest);
  const del = (key: string) => redis.del(moved(key));
  return working({ ...options, redis: rewired(redis, { get, set: set as Redis['set'], del: del as Redis['del'] }) });
}
