/**
 * Mistake: on a profile miss, the version 1 entry is read and converted to keep the cache warm
 * Replaces: shop-cache.ts
 * Caught by: 02.7
 *
 * It avoids a cold cache after the deploy, and the conversion is correct: `name` becomes
 * `displayName`, `bio` starts empty. But the old entry was written by the old release and
 * may be minutes stale; converting it serves that copy again, with a fresh TTL, and
 * invents a `bio` the user may well have. The shape bump exists so new code reads only
 * what new code wrote: a miss goes to Postgres.
 */
import { REDIS_TIMEOUT_MS, selectProfile, type Profile, type ShopCache, type ShopCacheOptions } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { readThrough } from '../src/read-through.js';
import { createShopCache as createCurrentCache } from '../src/shop-cache.js';
import { ttlMsFor } from '../src/ttl-policy.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  const { redis, db, keyPrefix, random = Math.random, redisTimeoutMs = REDIS_TIMEOUT_MS } = options;
  /** Version 1 stored { userId, name } under <prefix>profile:<id>:v1. */
  const loadProfile = async (userId: number): Promise<Profile | null> => {
    const previous = await redis.get(`${keyPrefix}profile:${userId}:v1`).catch(() => null);
    if (previous !== null) {
      const old = JSON.parse(previous) as { userId: number; name: string };
      return { userId: old.userId, displayName: old.name, bio: '' };
    }
    return selectProfile(db, userId);
  };
  const getProfile = (userId: number) =>
    readThrough(redis, { key: cacheKey(keyPrefix, 'profile', userId), ttlMs: ttlMsFor('profile', random), timeoutMs: redisTimeoutMs, load: () => loadProfile(userId) });
  return { ...createCurrentCache(options), getProfile };
}
