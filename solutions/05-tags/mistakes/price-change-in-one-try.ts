/**
 * Mistake: one try/catch around the UPDATE and the invalidation, returning null on any error
 * Replaces: update-price.ts
 * Caught by: 05.20
 *
 * "Redis may fail, so catch and log" is right for the invalidation, and wrapping the whole
 * body is the quickest way to write it. But the UPDATE is inside the try too: when
 * Postgres fails, the error is logged and the call resolves with null, which the README
 * reserves for "no such product". The caller shows a 404 for a product that exists, or
 * takes the silence for a saved price. Catch only the Redis step after the commit.
 */
import { productTag, updateProductPrice, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  let product: Product | null = null;
  try {
    product = await updateProductPrice(shop.db, id, priceCents);
    if (product !== null) await invalidateTag(shop.redis, shop.keyPrefix, productTag(id));
  } catch (error) {
    console.warn(`[pages] price change of product ${id}: ${String(error)}`);
  }
  return product;
}
