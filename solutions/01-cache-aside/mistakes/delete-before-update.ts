/**
 * Mistake: the cached copy is deleted before the UPDATE instead of after the commit
 * Replaces: update-price.ts
 * Caught by: 01.21
 *
 * "Clear the cache, then write" feels like the safe order: nothing stale is left when the
 * write starts. But the UPDATE takes time. A reader arriving in between misses, loads the
 * row Postgres still holds (the old price), and caches it for the full hour; nothing
 * deletes it again, so every reader sees the old price until the TTL ends.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { productKey } from '../src/keys.js';
import { withTimeout } from '../src/with-timeout.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  await withTimeout(redis.del(productKey(keyPrefix, id)), redisTimeoutMs).catch(() => {});
  return updateProductPrice(db, id, priceCents);
}
