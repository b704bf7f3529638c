/**
 * Mistake: redisTimeoutMs is raised to at least 100 ms
 * Replaces: shop-cache.ts
 * Caught by: 02.14
 *
 * A guard against a caller who asks for too little looks prudent: below 100 ms a busy
 * event loop can make a healthy Redis look slow. But the bound is the caller's budget,
 * not a suggestion. A service with a 50 ms request deadline that passes 20 ms now waits
 * five times that on a stalled Redis, and uses replies it had decided were too late to
 * be worth having. If a value is too small, refuse it loudly; never quietly wait longer.
 */
import { REDIS_TIMEOUT_MS, type ShopCache, type ShopCacheOptions } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { createShopCache as realCreateShopCache } from '../src/shop-cache.js';

/** The solution's cache, its bound raised to a floor of the code's own. */
export function createShopCache(options: ShopCacheOptions): ShopCache {
  return realCreateShopCache({ ...options, redisTimeoutMs: Math.max(options.redisTimeoutMs ?? REDIS_TIMEOUT_MS, 100) });
}
