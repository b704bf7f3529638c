/**
 * Mistake: without redisTimeoutMs, the cache waits twice REDIS_TIMEOUT_MS
 * Replaces: shop-cache.ts
 * Caught by: 02.18
 *
 * Half a second "to be on the safe side" looks harmless for a default: every check that
 * passes its own redisTimeoutMs still sees it honoured. But the default is what most
 * callers get, and the contract gives it as REDIS_TIMEOUT_MS: a service built on the
 * 250 ms the README promised holds each request twice as long whenever Redis stalls.
 */
import { REDIS_TIMEOUT_MS, type ShopCache, type ShopCacheOptions } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { createShopCache as realCreateShopCache } from '../src/shop-cache.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  return realCreateShopCache({ ...options, redisTimeoutMs: options.redisTimeoutMs ?? 2 * REDIS_TIMEOUT_MS });
}
