/**
 * Mistake: the DEL after the UPDATE is caught but not bounded, so a stalled Redis hangs every price change
 * Replaces: update-price.ts
 * Caught by: 01.25, 01.27
 *
 * The reads got their timeout, and the DEL got a .catch(): errors are logged, the committed
 * product is returned, so it looks finished. But a stalled or unreachable Redis does not
 * throw. ioredis queues the DEL and reconnects, and updatePrice waits, although the
 * price committed long ago: the admin's save button spins until the request times out.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { productKey } from '../src/keys.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  await redis.del(productKey(keyPrefix, id)).catch((error: unknown) => console.warn(`[cache] could not invalidate: ${String(error)}`));
  return product;
}
