/**
 * Mistake: updatePrice writes the new product into Redis with a plain SET, no TTL
 * Replaces: update-price.ts
 * Caught by: 01.9, 01.24
 *
 * "Refresh the cache on write" reads well: the next reader gets a hit with the new
 * price at once. But this SET has no EX, so the key now lives for ever, long after the
 * catalog's hour; a missed update later is never repaired. The read path's TTL does not
 * protect a key another code path wrote. And two racing writers can leave the older price
 * in place, since the slower one's SET lands last.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { productKey } from '../src/keys.js';
import { productCodec } from '../src/product-codec.js';
import { withTimeout } from '../src/with-timeout.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  if (product) {
    await withTimeout(redis.set(productKey(keyPrefix, id), productCodec.encode(product)), redisTimeoutMs).catch(() => {});
  }
  return product;
}
