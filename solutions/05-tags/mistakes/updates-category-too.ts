/**
 * Mistake: a price change also invalidates the product's category, to be safe
 * Replaces: update-price.ts
 * Caught by: 05.14
 *
 * The product page names its category and the listing shows the price, so clearing
 * category:<name> as well looks like belt and braces. But the product's own tag already
 * lists the category page; the category tag adds every other product page of the
 * category, none of which shows this price. Each price change then re-renders the whole
 * category: over-invalidation costs renders and load on Postgres, and hides which tag a
 * page really depends on.
 */
import { categoryTag, productTag, updateProductPrice, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateProductPrice(shop.db, id, priceCents);
  if (product === null) return null;
  for (const tag of [productTag(id), categoryTag(product.category)]) {
    await invalidateTag(shop.redis, shop.keyPrefix, tag).catch((error: unknown) =>
      console.warn(`[pages] could not invalidate ${tag}: ${String(error)}`),
    );
  }
  return product;
}
