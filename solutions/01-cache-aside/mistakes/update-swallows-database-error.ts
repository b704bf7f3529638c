/**
 * Mistake: one try/catch around the UPDATE and the DEL, so a failed UPDATE resolves null
 * Replaces: update-price.ts
 * Caught by: 01.28
 *
 * The lesson says a failed invalidation must not fail the write, and a try/catch around
 * the whole body does that. It also catches the database: when the UPDATE fails, the
 * caller gets null, which the interface reserves for "no such product", and an admin
 * screen reports a missing product, or nothing at all, for a price that never changed.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { productKey } from '../src/keys.js';
import { withTimeout } from '../src/with-timeout.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  let product: Product | null = null;
  try {
    product = await updateProductPrice(db, id, priceCents);
    await withTimeout(redis.del(productKey(keyPrefix, id)), redisTimeoutMs);
  } catch (error) {
    console.warn(`[cache] updatePrice(${id}) did not finish cleanly: ${String(error)}`);
  }
  return product;
}
