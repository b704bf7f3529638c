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
} from '../../../labs/02-ttl-and-keys/src/contract.js';
import { readBalance } from '../src/balance.js';
import { cacheKey } from '../src/keys.js';
import { readThrough } from '../src/read-through.js';
import { readSession, startSession } from '../src/sessions.js';
import { ttlMsFor } from '../src/ttl-policy.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  if (options.keyPrefix !== '' && !options.keyPrefix.endsWith(':')) {
    throw new RangeError(`keyPrefix must end with ':' (got "${options.keyPrefix}")`);
  }
  const deps: CacheDeps = {
    ...options,
    random: options.random ?? Math.random,
    redisTimeoutMs: Math.max(options.redisTimeoutMs ?? REDIS_TIMEOUT_MS, 100),
  };
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
