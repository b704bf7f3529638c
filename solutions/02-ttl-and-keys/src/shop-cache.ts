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
import { readBalance } from './balance.js';
import { cacheKey } from './keys.js';
import { readThrough } from './read-through.js';
import { readSession, startSession } from './sessions.js';
import { ttlMsFor } from './ttl-policy.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  // Checked once here rather than per key. Without its ':' the prefix runs into the
  // entity (`prodproduct:1:v1`), and a SCAN for `prod*` also sweeps up `prod2`'s keys.
  if (options.keyPrefix !== '' && !options.keyPrefix.endsWith(':')) {
    throw new RangeError(`keyPrefix must end with ':' (got "${options.keyPrefix}")`);
  }
  const deps: CacheDeps = {
    ...options,
    random: options.random ?? Math.random,
    redisTimeoutMs: options.redisTimeoutMs ?? REDIS_TIMEOUT_MS,
  };
  const { redis, db, keyPrefix, random, redisTimeoutMs } = deps;

  // #region cached-reads
  // Every cached class goes through the same three decisions: its key (keys.ts), its
  // TTL, drawn per write (ttl-policy.ts), and the read-through (read-through.ts).
  const cached = <T>(entity: Entity, id: string | number, load: () => Promise<T | null>) =>
    readThrough(redis, {
      key: cacheKey(keyPrefix, entity, id),
      ttlMs: ttlMsFor(entity, random),
      timeoutMs: redisTimeoutMs,
      load,
    });

  return {
    getProduct: (id) => cached('product', id, () => selectProduct(db, id)),
    getInventory: (productId) =>
      cached('inventory', productId, () => selectInventory(db, productId)),
    getProfile: (userId) => cached('profile', userId, () => selectProfile(db, userId)),
    getLeaderboard: async () =>
      (await cached('leaderboard', LEADERBOARD_ID, () => selectLeaderboard(db))) ?? [],
    getBalance: (userId) => readBalance(deps, userId), // never cached: see balance.ts
    startSession: (sessionId, data) => startSession(deps, sessionId, data),
    getSession: (sessionId) => readSession(deps, sessionId),
  };
  // #endregion cached-reads
}
