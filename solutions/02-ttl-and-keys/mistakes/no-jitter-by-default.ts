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

const MIDDLE_OF_THE_BAND = () => 0.5;

export function createShopCache(options: ShopCacheOptions): ShopCache {
  const deps: CacheDeps = { ...options, random: options.random ?? MIDDLE_OF_THE_BAND, redisTimeoutMs: options.redisTimeoutMs ?? REDIS_TIMEOUT_MS };
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
