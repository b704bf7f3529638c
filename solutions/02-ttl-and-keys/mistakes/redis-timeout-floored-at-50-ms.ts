/**
 * Mistake: redisTimeoutMs is raised to at least 50 ms
 * Replaces: shop-cache.ts
 * Caught by: 02.14
 *
 * A smaller floor than 100 ms looks like a compromise nobody could object to: 50 ms is
 * tiny, and below it a busy event loop alone can make a healthy Redis look late. But the
 * bound is still the caller's: one that passed 20 ms because its whole request has 30
 * waits more than twice that on every slow reply, and uses replies it had decided were
 * too late. If a value is too small, refuse it loudly; never quietly wait longer.
 */
import { REDIS_TIMEOUT_MS, type ShopCache, type ShopCacheOptions } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { createShopCache as realCreateShopCache } from '../src/shop-cache.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  return realCreateShopCache({ ...options, redisTimeoutMs: Math.max(options.redisTimeoutMs ?? REDIS_TIMEOUT_MS, 50) });
}
