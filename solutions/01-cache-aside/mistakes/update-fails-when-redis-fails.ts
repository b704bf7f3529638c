/**
 * Mistake: a failed invalidation makes updatePrice reject, after the UPDATE committed
 * Replaces: update-price.ts
 * Caught by: 01.25
 *
 * Letting the error through feels honest: the cache could not be cleared, so say so. But
 * the price is already committed. The caller sees a failure for a write that happened,
 * retries or shows an error, and every price change fails while Redis is sick, although
 * the cache is only an optimisation. Log the failed DEL; the TTL bounds the stale window.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { productKey } from '../src/keys.js';
import { withTimeout } from '../src/with-timeout.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  await withTimeout(redis.del(productKey(keyPrefix, id)), redisTimeoutMs);
  return product;
}
