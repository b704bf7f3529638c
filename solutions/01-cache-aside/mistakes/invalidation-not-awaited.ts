/**
 * Mistake: updatePrice sends the DEL and returns without waiting for it
 * Replaces: update-price.ts
 * Caught by: 01.22
 *
 * Fire-and-forget looks like good manners: the caller does not pay for the cache, and a
 * slow Redis cannot slow the write down. But when updatePrice resolves the old price may
 * still be cached: a caller that saves a price and then shows the product page (or a test,
 * or another service told "done") reads the old one. Await the invalidation, bounded by
 * the timeout, before resolving.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { productKey } from '../src/keys.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  redis.del(productKey(keyPrefix, id)).catch((error: unknown) => console.warn(`[cache] invalidation failed: ${String(error)}`));
  return product;
}
