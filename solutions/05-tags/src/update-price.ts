import {
  productTag,
  updateProductPrice,
  type CatalogPagesOptions,
  type Product,
} from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from './invalidate-tag.js';

// #region update-price
export async function updatePrice(
  shop: CatalogPagesOptions,
  id: number,
  priceCents: number,
): Promise<Product | null> {
  const product = await updateProductPrice(shop.db, id, priceCents);
  if (product === null) return null;
  // After the commit, so whatever renders from now on reads the new row. One tag reaches
  // every page that shows the product: its own, its category's, each search listing it.
  await invalidateTag(shop.redis, shop.keyPrefix, productTag(id)).catch((error: unknown) =>
    // The price has changed either way. The pages' TTL bounds how long they can lag;
    // a system that cannot accept that retries from an outbox instead of only logging.
    console.warn(`[pages] could not invalidate ${productTag(id)}: ${String(error)}`),
  );
  return product;
}
// #endregion update-price
