// Lab 02: the cache in front of the shop's tables. The interface lives in contract.ts.
import {
  LEADERBOARD_ID,
  REDIS_TIMEOUT_MS,
  selectInventory,
  selectLeaderboard,
  selectProduct,
  selectProfile,
  type CacheDeps,
  type Entity,
  type ShopCache,
  type ShopCacheOptions,
} from './contract.js';
import { readBalance } from './balance.js';
import { cacheKey } from './keys.js';
import { readThrough } from './read-through.js';
import { readSession, startSession } from './sessions.js';
import { ttlMsFor } from './ttl-policy.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  const deps: CacheDeps = { ...options, random: options.random ?? Math.random, redisTimeoutMs: options.redisTimeoutMs ?? REDIS_TIMEOUT_MS };
  const { redis, db, keyPrefix, random, redisTimeoutMs } = deps;
  const cached = <T>(entity: Entity, id: string | number, load: () => Promise<T | null>) =>
    readThrough(redis, { key: cacheKey(keyPrefix, entity, id), ttlMs: ttlMsFor(entity, random), timeoutMs: redisTimeoutMs, load });

  return {
    getProduct: (id) => cached('product', id, () => selectProduct(db, id)),
    getInventory: (productId) => cached('inventory', productId, () => selectInventory(db, productId)),
    getProfile: (userId) => cached('profile', userId, () => selectProfile(db, userId)),
    getLeaderboard: async () => (await cached('leaderboard', LEADERBOARD_ID, () => selectLeaderboard(db))) ?? [],
    getBalance: (userId) => readBalance(deps, userId),
    startSession: (sessionId, data) => startSession(deps, sessionId, data),
    getSession: (sessionId) => readSession(deps, sessionId),
  };
}
