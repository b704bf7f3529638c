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
import {
  LEADERBOARD_ID,
  REDIS_TIMEOUT_MS,
  selectInventory,
  selectLeaderboard,
  selectProduct,
  selectProfile,
  type CacheDeps,
  type Entity,
  type Profile,
  type ShopCache,
  type ShopCacheOptions,
} from '../../../labs/02-ttl-and-keys/src/contract.js';
import { readBalance } from '../src/balance.js';
import { cacheKey } from '../src/keys.js';
import { readThrough } from '../src/read-through.js';
import { readSession, startSession } from '../src/sessions.js';
import { ttlMsFor } from '../src/ttl-policy.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  const deps: CacheDeps = { ...options, random: options.random ?? Math.random, redisTimeoutMs: options.redisTimeoutMs ?? REDIS_TIMEOUT_MS };
  const { redis, db, keyPrefix, random, redisTimeoutMs } = deps;
  const cached = <T>(entity: Entity, id: string | number, load: () => Promise<T | null>) =>
    readThrough(redis, { key: cacheKey(keyPrefix, entity, id), ttlMs: ttlMsFor(entity, random), timeoutMs: redisTimeoutMs, load });

  /** Version 1 stored { userId, name } under <prefix>profile:<id>:v1. */
  const loadProfile = async (userId: number): Promise<Profile | null> => {
    const previous = await redis.get(`${keyPrefix}profile:${userId}:v1`).catch(() => null);
    if (previous !== null) {
      const old = JSON.parse(previous) as { userId: number; name: string };
      return { userId: old.userId, displayName: old.name, bio: '' };
    }
    return selectProfile(db, userId);
  };

  return {
    getProduct: (id) => cached('product', id, () => selectProduct(db, id)),
    getInventory: (productId) => cached('inventory', productId, () => selectInventory(db, productId)),
    getProfile: (userId) => cached('profile', userId, () => loadProfile(userId)),
    getLeaderboard: async () => (await cached('leaderboard', LEADERBOARD_ID, () => selectLeaderboard(db))) ?? [],
    getBalance: (userId) => readBalance(deps, userId),
    startSession: (sessionId, data) => startSession(deps, sessionId, data),
    getSession: (sessionId) => readSession(deps, sessionId),
  };
}
