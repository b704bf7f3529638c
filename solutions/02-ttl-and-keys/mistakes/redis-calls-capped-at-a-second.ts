/**
 * Mistake: redisTimeoutMs is capped at one second
 * Replaces: shop-cache.ts
 * Caught by: 02.14
 *
 * No request should wait more than a second on a cache, so a ceiling under whatever the
 * caller passed looks like a safety net against a typo of 100000. But the caller knows
 * its Redis: across a slow link, or under a big value, a second and a bit is the honest
 * bound, and the cap gives up on replies it asked to wait for, sends those reads to
 * Postgres and never caches their misses. Refuse a bound you think absurd; never
 * quietly shorten it.
 */
import { REDIS_TIMEOUT_MS, type ShopCache, type ShopCacheOptions } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { createShopCache as realCreateShopCache } from '../src/shop-cache.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  return realCreateShopCache({ ...options, redisTimeoutMs: Math.min(options.redisTimeoutMs ?? REDIS_TIMEOUT_MS, 1_000) });
}
