/**
 * Broken cache: every product hit resets the TTL to a full hour (EXPIRE after GET), a sliding expiry.
 *
 * A popular product then never expires, so a price changed behind the cache's back is
 * never picked up. One read and a TTL check cannot see it: the TTL looks right.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS, type ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working, NOT_FOUND } from '../../../labs/14-testing-a-cache/src/product-cache.js';
import { rewired } from './rewired-redis.js';

export function createProductCache(options: ProductCacheOptions) {
  const { redis } = options;
  const get = async (key: string) => {
    const text = await redis.get(key);
    if (text !== null && text !== NOT_FOUND) await redis.expire(key, PRODUCT_TTL_SECONDS);
    return text;
  };
  return working({ ...options, redis: rewired(redis, { get: get as Redis['get'] }) });
}
