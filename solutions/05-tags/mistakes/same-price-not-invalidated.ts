/**
 * Mistake: a price change to the price the row already has invalidates nothing
 * Replaces: update-price.ts
 * Caught by: 05.17
 *
 * If the price did not change, the cached pages already show it, so reading the old
 * price first and skipping the invalidation saves a script run for every no-op save from
 * an admin form. But the old price is read before the UPDATE, so another change can
 * commit in between; and setting the price again is exactly how an operator repairs pages
 * whose invalidation failed earlier and was only logged: those pages stay stale until
 * their TTL. updatePrice changes the row and then invalidates the tag, every time.
 */
import { updateProductPrice, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { updatePrice as realUpdatePrice } from '../src/update-price.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const { rows } = await shop.db.query<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = $1', [id]);
  if (rows[0]?.price_cents === priceCents) return updateProductPrice(shop.db, id, priceCents);
  return realUpdatePrice(shop, id, priceCents);
}
