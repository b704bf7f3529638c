/**
 * Mistake: the tag is invalidated before the UPDATE, "so nobody reads the old page"
 * Replaces: update-price.ts
 * Caught by: 05.12
 *
 * Clearing the cache first feels safe: by the time the price changes, no stale page is
 * left to serve. But until the UPDATE commits, the old price is still what Postgres
 * returns. A reader that misses in that gap renders the old row and caches it again,
 * listed under the tag that was just invalidated, and nothing removes it afterwards: it
 * shows the old price until its TTL ends. Invalidate after the commit.
 */
import { productTag, updateProductPrice, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  await invalidateTag(shop.redis, shop.keyPrefix, productTag(id)).catch((error: unknown) =>
    console.warn(`[pages] could not invalidate ${productTag(id)}: ${String(error)}`),
  );
  return updateProductPrice(shop.db, id, priceCents);
}
