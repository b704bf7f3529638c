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
import { REDIS_TIMEOUT_MS, selectProduct, type Product, type ShopCache, type ShopCacheOptions } from '../../../labs/02-ttl-and-keys/src/contract.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';
import { cacheKey } from '../src/keys.js';
import { createShopCache as createStringCache } from '../src/shop-cache.js';
import { ttlMsFor } from '../src/ttl-policy.js';

export function createShopCache(options: ShopCacheOptions): ShopCache {
  const { redis, db, keyPrefix, random = Math.random, redisTimeoutMs = REDIS_TIMEOUT_MS } = options;
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
  return { ...createStringCache(options), getProduct };
}
