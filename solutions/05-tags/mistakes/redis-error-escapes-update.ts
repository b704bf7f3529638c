/**
 * Mistake: a Redis error during the invalidation rejects updatePrice, after the commit
 * Replaces: update-price.ts
 * Caught by: 05.16
 *
 * Letting errors propagate is usually right, and a caller should hear that something
 * failed. But by the time the invalidation runs, the UPDATE has committed: the price has
 * changed. Rejecting tells the caller it has not, so it shows an error for a change that
 * happened, or retries it. Redis is a copy; its failure costs staleness (bounded by the
 * pages' TTL), and is logged, or retried from an outbox, not reported as a failed write.
 */
import { productTag, updateProductPrice, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(shop.db, id, priceCents);
  if (product !== null) await invalidateTag(shop.redis, shop.keyPrefix, productTag(id));
  return product;
}
