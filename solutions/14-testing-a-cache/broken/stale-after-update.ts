/**
 * Broken cache: updatePrice changes the row and forgets the cache.
 *
 * updatePrice returns the new price, so a check of its return value passes; readers see
 * the old price for up to an hour.
 */
import { updateProductPrice, type ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { createProductCache as working } from '../../../labs/14-testing-a-cache/src/product-cache.js';

export function createProductCache(options: ProductCacheOptions) {
  return { ...working(options), updatePrice: (id: number, cents: number) => updateProductPrice(options.db, id, cents) };
}
