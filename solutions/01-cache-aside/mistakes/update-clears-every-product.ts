/**
 * Mistake: updatePrice clears every cached product, not just the one that changed
 * Replaces: update-price.ts
 * Caught by: 01.20
 *
 * "When in doubt, flush" can never serve a stale price, and SCAN (not KEYS) keeps it
 * polite to the server. But one price change now sends every reader of every product
 * back to Postgres at once: with a big catalog each write becomes a stampede, and the
 * hit ratio collapses on a busy day. Invalidate exactly what the write changed.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { withTimeout } from '../src/with-timeout.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  const clearProducts = async () => {
    const pattern = `${keyPrefix.replace(/[*?[\]\\]/g, '\\$&')}product:*`;
    for await (const batch of redis.scanStream({ match: pattern, count: 200 })) {
      const keys = batch as string[];
      if (keys.length > 0) await redis.del(...keys);
    }
  };
  await withTimeout(clearProducts(), redisTimeoutMs).catch(() => {});
  return product;
}
