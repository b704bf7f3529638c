/**
 * Mistake: the invalidation is started and not awaited, so updatePrice returns sooner
 * Replaces: update-price.ts
 * Caught by: 05.17
 *
 * The caller only needs to know the price is saved, and the cache is "best effort"
 * anyway, so why make it wait for Redis? The script is even sent before the promise
 * resolves, and on the same connection every later read queues behind it, so the
 * writer never sees an old page. Anyone else can: another process, or a client on
 * another connection, reads right after the API answered "saved" and still gets the old
 * price. The effect belongs inside the promise: resolve after the pages are gone.
 */
import { productTag, updateProductPrice, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(shop.db, id, priceCents);
  if (product === null) return null;
  void invalidateTag(shop.redis, shop.keyPrefix, productTag(id)).catch((error: unknown) =>
    console.warn(`[pages] could not invalidate ${productTag(id)}: ${String(error)}`),
  );
  return product;
}
