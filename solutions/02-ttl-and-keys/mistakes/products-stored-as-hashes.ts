/**
 * Mistake: products are cached as Redis hashes, one field per column
 * Replaces: shop-cache.ts
 * Caught by: 02.11
 *
 * Hashes are the textbook way to store an object in Redis: one field can be read or
 * changed alone, and small hashes are memory-efficient. The write is even right: HSET
 * and PEXPIRE in one MULTI, so the key never lives without its TTL. But a hash holds
 * strings only. The miss returns `priceCents: 1125`, the hit `priceCents: "1125"`, and
 * `price * quantity` quietly becomes string concatenation on every cached read.
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
  type Product,
  type ShopCache,
  type ShopCacheOptions,
} from '../../../labs/02-ttl-and-keys/src/contract.js';
import { readBalance } from '../src/balance.js';
import { cacheKey } from '../src/keys.js';
import { readThrough } from '../src/read-through.js';
import { readSession, startSession } from '../src/sessions.js';
import { ttlMsFor } from '../src/ttl-policy.js';
import { withTimeout } from '../src/with-timeout.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  const deps: CacheDeps = { ...options, random: options.random ?? Math.random, redisTimeoutMs: options.redisTimeoutMs ?? REDIS_TIMEOUT_MS };
  const { redis, db, keyPrefix, random, redisTimeoutMs } = deps;
  const cached = <T>(entity: Entity, id: string | number, load: () => Promise<T | null>) =>
    readThrough(redis, { key: cacheKey(keyPrefix, entity, id), ttlMs: ttlMsFor(entity, random), timeoutMs: redisTimeoutMs, load });

  const getProduct = async (id: number): Promise<Product | null> => {
    const key = cacheKey(keyPrefix, 'product', id);
    const fields = await withTimeout(redis.hgetall(key), redisTimeoutMs, `HGETALL ${key}`).catch(() => ({}));
    if (Object.keys(fields).length > 0) return fields as unknown as Product;
    const product = await selectProduct(db, id);
    if (product) {
      const write = redis.multi().hset(key, product).pexpire(key, ttlMsFor('product', random)).exec();
      await withTimeout(write, redisTimeoutMs, `HSET ${key}`).catch(() => {});
    }
    return product;
  };

  return {
    getProduct,
    getInventory: (productId) => cached('inventory', productId, () => selectInventory(db, productId)),
    getProfile: (userId) => cached('profile', userId, () => selectProfile(db, userId)),
    getLeaderboard: async () => (await cached('leaderboard', LEADERBOARD_ID, () => selectLeaderboard(db))) ?? [],
    getBalance: (userId) => readBalance(deps, userId),
    startSession: (sessionId, data) => startSession(deps, sessionId, data),
    getSession: (sessionId) => readSession(deps, sessionId),
  };
}
