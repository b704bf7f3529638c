/**
 * Mistake: updatePrice builds the product's key by hand and spells it differently from the reads
 * Replaces: update-price.ts
 * Caught by: 01.9
 *
 * `products:8` and `product:8` look the same in review, the DEL succeeds (Redis deletes a
 * key that does not exist without complaint), and nothing is logged. But the key the
 * reads fill is never touched, so the old price stays for the full hour. Build every key
 * in one place and use it from both paths.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { withTimeout } from '../src/with-timeout.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  await withTimeout(redis.del(`${keyPrefix}products:${id}`), redisTimeoutMs).catch(() => {});
  return product;
}
