/**
 * Mistake: each class's jittered TTL is drawn once, when the cache is created
 * Replaces: shop-cache.ts
 * Caught by: 02.4, 02.10
 *
 * Computing the TTL table up front reads like configuration, it uses the injected random
 * source, and every TTL it holds is inside its band, so a check of any one key passes.
 * Every instance even gets different TTLs. But inside one instance every product shares
 * one TTL, so the keys a deploy warms together expire together again: the draw belongs
 * to the write, not to the process.
 */
import {
  LEADERBOARD_ID,
  REDIS_TIMEOUT_MS,
  TTL_POLICY,
  selectInventory,
  selectLeaderboard,
  selectProduct,
  selectProfile,
  type Entity,
  type ShopCache,
  type ShopCacheOptions,
} from '../../../labs/02-ttl-and-keys/src/contract.js';
import { cacheKey } from '../src/keys.js';
import { readThrough } from '../src/read-through.js';
import { createShopCache as createPerWriteCache } from '../src/shop-cache.js';
import { ttlMsFor } from '../src/ttl-policy.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  const { redis, db, keyPrefix, random = Math.random, redisTimeoutMs = REDIS_TIMEOUT_MS } = options;
  const ttlMs = Object.fromEntries(Object.keys(TTL_POLICY).map((entity) => [entity, ttlMsFor(entity as Entity, random)])) as Record<Entity, number>;
  const cached = <T>(entity: Entity, id: string | number, load: () => Promise<T | null>) =>
    readThrough(redis, { key: cacheKey(keyPrefix, entity, id), ttlMs: ttlMs[entity], timeoutMs: redisTimeoutMs, load });
  return {
    ...createPerWriteCache(options),
    getProduct: (id) => cached('product', id, () => selectProduct(db, id)),
    getInventory: (productId) => cached('inventory', productId, () => selectInventory(db, productId)),
    getProfile: (userId) => cached('profile', userId, () => selectProfile(db, userId)),
    getLeaderboard: async () => (await cached('leaderboard', LEADERBOARD_ID, () => selectLeaderboard(db))) ?? [],
  };
}
