/**
 * Mistake: every Redis call gets 30 ms more than redisTimeoutMs, as a grace
 * Replaces: shop-cache.ts
 * Caught by: 02.14, 02.18
 *
 * Timers fire late on a busy machine, so a little slack on top of the caller's bound
 * looks like fairness to a Redis that is only just in time. But the slack is paid by
 * every request whenever Redis stalls, and it uses replies the caller had decided were
 * too late: 20 ms becomes 50, the 250 ms default becomes 280. The bound is the caller's
 * budget; a late timer is already all the grace there is.
 */
import { REDIS_TIMEOUT_MS, type ShopCache, type ShopCacheOptions } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { createShopCache as realCreateShopCache } from '../src/shop-cache.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  return realCreateShopCache({ ...options, redisTimeoutMs: (options.redisTimeoutMs ?? REDIS_TIMEOUT_MS) + 30 });
}
