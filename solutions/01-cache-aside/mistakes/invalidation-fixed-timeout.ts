/**
 * Mistake: the DEL in updatePrice is bounded by the default 250 ms, not by redisTimeoutMs
 * Replaces: update-price.ts
 * Caught by: 01.27
 *
 * The reads take the caller's redisTimeoutMs; the write path, written later, reaches for
 * the documented default instead. Every check with Redis down or stalled still passes: 250
 * ms is a bound. But a caller who allowed 10 s gets a price change that returns before a
 * slow Redis has dropped the old price, and one who allowed 30 ms waits eight times longer.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { productKey } from '../src/keys.js';
import { withTimeout } from '../src/with-timeout.js';

const DEFAULT_REDIS_TIMEOUT_MS = 250;

export async function updatePrice({ redis, db, keyPrefix }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  await withTimeout(redis.del(productKey(keyPrefix, id)), DEFAULT_REDIS_TIMEOUT_MS).catch((error: unknown) =>
    console.warn(`[cache] could not invalidate product ${id}: ${String(error)}`),
  );
  return product;
}
