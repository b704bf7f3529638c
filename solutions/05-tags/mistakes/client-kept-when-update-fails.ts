/**
 * Mistake: the price change runs in a transaction of its own, and a failed UPDATE keeps its client
 * Replaces: update-price.ts
 * Caught by: 05.20
 *
 * An explicit transaction around the UPDATE looks careful, and the happy path releases
 * its client. But the catch rolls back and rethrows without giving the client back: every
 * failed price change takes one connection out of the pool for good, and after a handful
 * of database hiccups every request waits for a connection that never comes.
 */
import type { Pool } from 'pg';
import { productTag, updateProductPrice, type CatalogPagesOptions, type Product } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag } from '../src/invalidate-tag.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const client = await shop.db.connect();
  let product: Product | null;
  try {
    await client.query('BEGIN');
    product = await updateProductPrice(client as unknown as Pool, id, priceCents);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error; // the client is never released
  }
  if (product === null) return null;
  await invalidateTag(shop.redis, shop.keyPrefix, productTag(id)).catch((error: unknown) =>
    console.warn(`[pages] could not invalidate ${productTag(id)}: ${String(error)}`),
  );
  return product;
}
