/**
 * Mistake: a failed invalidation after the commit is caught and dropped without a word
 * Replaces: update-price.ts
 * Caught by: 05.16
 *
 * The behaviour the README asks for is here: the price is committed, a Redis error does
 * not reject the call, and the pages' TTL bounds how long they lag. What is missing is
 * the log line. An empty catch turns "the shop shows the old price for ten minutes" into
 * something nobody can see or count, and no one will look for it. Log it, or hand it to
 * an outbox that retries.
 */
import { productTag, updateProductPrice, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(shop.db, id, priceCents);
  if (product === null) return null;
  await invalidateTag(shop.redis, shop.keyPrefix, productTag(id)).catch(() => {
    // Best effort: the TTL catches up.
  });
  return product;
}
