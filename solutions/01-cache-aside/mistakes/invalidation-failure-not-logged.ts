/**
 * Mistake: a failed invalidation is caught and dropped without a word
 * Replaces: update-price.ts
 * Caught by: 01.25
 *
 * The price change must not fail because Redis did, so the DEL's error is caught, and
 * the empty catch does that. But the old price now stays cached for up to an hour and
 * nobody knows: the log line naming the key is how an operator finds out, and which key
 * to delete by hand.
 */
import { updateProductPrice, type Product } from '../../../labs/01-cache-aside/src/contract.js';
import type { CacheDeps } from '../src/product-cache.js';
import { productKey } from '../src/keys.js';
import { withTimeout } from '../src/with-timeout.js';

export async function updatePrice({ redis, db, keyPrefix, redisTimeoutMs }: CacheDeps, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(db, id, priceCents);
  await withTimeout(redis.del(productKey(keyPrefix, id)), redisTimeoutMs).catch(() => {});
  return product;
}
