/**
 * Mistake: every price change logs a line with console.info
 * Replaces: update-price.ts
 * Caught by: 05.1
 *
 * An audit line per change looks harmless at info level, and price changes are rare
 * next to reads. But the README keeps the log for what failed: an import that reprices
 * the whole catalogue at night writes thousands of lines saying all went well, and the
 * one warning that an invalidation failed is somewhere among them.
 */
import type { CatalogPagesOptions, Product } from '../../../labs/05-tags/src/contract.js';
import { updatePrice as updateQuietly } from '../src/update-price.js';

export async function updatePrice(shop: CatalogPagesOptions, id: number, priceCents: number): Promise<Product | null> {
  const product = await updateQuietly(shop, id, priceCents);
  if (product) console.info(`[pages] product ${id} now costs ${priceCents} cents; its pages were invalidated`);
  return product;
}
