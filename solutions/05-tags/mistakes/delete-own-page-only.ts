/**
 * Mistake: a price change deletes the product's own page, and nothing else
 * Replaces: update-price.ts
 * Caught by: 05.5, 05.9
 *
 * It is the invalidate-on-write of lesson 01, done right: commit, then remove the key.
 * But that key is only one of the pages that show the price. The category listing and
 * every search that lists the product are cached under names of their own, and they
 * show the old price until their TTL ends. Invalidate the product's tag, which lists them.
 */
import { pageKey, updateProductPrice, type CatalogPagesOptions } from '../../../labs/05-tags/src/contract.js';

export async function updatePrice(options: CatalogPagesOptions, id: number, cents: number) {
  const row = await updateProductPrice(options.db, id, cents);
  if (row) await options.redis.unlink(pageKey(options.keyPrefix, `product:${id}`));
  return row;
}
