/**
 * Mistake: updatePrice overwrites the cached product with the new one (SET ... EX) instead of deleting it
 * Replaces: update-price.ts
 * Caught by: 01.24
 *
 * It has a TTL, it is one command, and the next reader gets a hit with the new price
 * instead of a miss: write-through looks strictly better than a delete. But two updates of
 * one product can reach Redis in the other order than they committed: the writer that
 * committed first pauses (GC, a slow network), the second one commits and sets its price,
 * then the first one's SET lands and puts the older price back for an hour. A DEL has no
 * order to get wrong: the next read loads whatever committed last.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { PRODUCT_TTL_SECONDS } from '../../../labs/01-cache-aside/src/contract.js';
import { productKey } from '../src/keys.js';
import { productCodec } from '../src/product-codec.js';
import { withTimeout } from '../src/with-timeout.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  if (product) {
    const write = redis.set(productKey(keyPrefix, id), productCodec.encode(product), 'EX', PRODUCT_TTL_SECONDS);
    await withTimeout(write, redisTimeoutMs).catch(() => {});
  }
  return product;
}
