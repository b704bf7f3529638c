import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from './product-cache.js';
import { productKey } from './keys.js';
import { withTimeout } from './with-timeout.js';

// #region update-price
/** The write path: change the row, then drop the cached copy so the next read loads it. */
export async function updatePrice(
  { redis, db, keyPrefix, redisTimeoutMs }: CacheDeps,
  id: number,
  priceCents: number,
): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  // Delete after the commit, don't overwrite: the next read loads the committed row.
  // If Redis is unavailable the write still stands; the TTL bounds the stale window, and
  // the log names the key, for an operator to delete by hand. One try: no retry.
  const key = productKey(keyPrefix, id);
  await withTimeout(redis.del(key), redisTimeoutMs).catch((error: unknown) =>
    console.warn(`[cache] could not invalidate ${key}: ${String(error)}`),
  );
  return product;
}
// #endregion update-price
