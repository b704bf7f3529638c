/**
 * Mistake: when the price is unchanged, the pages are invalidated before the UPDATE
 * Replaces: update-price.ts
 * Caught by: 05.12
 *
 * A price the row already holds is a repair: the pages are wrong, the row is right, so
 * clearing them at once and writing after looks safe. But the row may not stay as it was
 * read: another change can commit between the SELECT and this UPDATE, a reader caches
 * the pages at that other price meanwhile, and nothing invalidates them afterwards.
 */
import { productTag, selectProduct, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';
import { updatePrice as updateThenInvalidate } from '../src/update-price.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const current = await selectProduct(shop.db, id);
  if (current?.priceCents !== priceCents) return updateThenInvalidate(shop, id, priceCents);
  await invalidateTag(shop.redis, shop.keyPrefix, productTag(id)).catch((error: unknown) => console.warn(`[pages] ${String(error)}`));
  return updateThenInvalidate(shop, id, priceCents);
}
