/**
 * Mistake: the invalidation runs inside the database transaction, before its COMMIT
 * Replaces: update-price.ts
 * Caught by: 05.12, 05.16
 *
 * It reads as the careful version: the UPDATE and the invalidation succeed or fail
 * together, and if Redis is down the transaction rolls back, so cache and database never
 * disagree. Both halves are wrong. Until COMMIT, every other connection still reads the
 * old price: a reader that misses after the pages were deleted renders the old row and
 * caches it again, and nothing removes it. And a Redis outage now blocks every price
 * change, for the sake of a copy. Commit, then invalidate.
 */
import type { CatalogPagesOptions, Product } from '../../../labs/05-tags/src/contract.js';
import { productTag } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const connection = await shop.db.connect();
  try {
    await connection.query('BEGIN');
    const { rows } = await connection.query<Product>(
      'UPDATE products SET price_cents = $2, updated_at = now() WHERE id = $1 RETURNING id, sku, name, category, price_cents AS "priceCents"',
      [id, priceCents],
    );
    const product = rows[0] ?? null;
    if (product !== null) await invalidateTag(shop.redis, shop.keyPrefix, productTag(id));
    await connection.query('COMMIT');
    return product;
  } catch (error) {
    await connection.query('ROLLBACK');
    throw error;
  } finally {
    connection.release();
  }
}
