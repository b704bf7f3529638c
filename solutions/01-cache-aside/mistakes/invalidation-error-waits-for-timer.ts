/**
 * Mistake: a DEL that Redis refuses is logged, but updatePrice still waits for the timer
 * Replaces: update-price.ts
 * Caught by: 01.25
 *
 * A promise resolved by whichever comes first, the DEL or the timer, is the right idea,
 * and the .catch() keeps a refused DEL from failing the committed write. But the catch
 * only logs: nothing resolves the wait, so a Redis that refuses at once (OOM, READONLY
 * during a failover) holds every price change for the full redisTimeoutMs.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { productKey } from '../src/keys.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, redisTimeoutMs);
    redis
      .del(productKey(keyPrefix, id))
      .then(() => (clearTimeout(timer), resolve()))
      .catch((error: unknown) => console.warn(`[cache] could not invalidate product ${id}: ${String(error)}`));
  });
  return product;
}
