/**
 * Mistake: without a random source the cache jitters by nothing
 * Replaces: shop-cache.ts
 * Caught by: 02.4
 *
 * A fixed default of 0.5 makes the cache deterministic out of the box, which feels tidy
 * for tests and logs, and every check that hands in its own source still passes. But
 * production hands in none: there every product gets exactly 3600 s, and the thousand
 * keys a deploy warms in one second expire in one second an hour later. The documented
 * default is Math.random.
 */
import type { ShopCache, ShopCacheOptions } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { createShopCache as createJitteredCache } from '../src/shop-cache.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  return createJitteredCache({ ...options, random: options.random ?? (() => 0.5) });
}
