/**
 * Mistake: a price change of a product that does not exist logs a warning
 * Replaces: update-price.ts
 * Caught by: 05.1
 *
 * The caller asked about an id that has no row and gets null back: that is an answer, not
 * a failure of the cache. A warning for it sends whoever reads the logs looking for a
 * Redis problem that is not there, and trains them to ignore the ones that are.
 */
import { updatePrice as update } from '../src/update-price.js';

export const updatePrice: typeof update = async (shop, id, priceCents) => {
  const product = await update(shop, id, priceCents);
  if (product === null) console.warn(`[pages] updatePrice(${id}): no such product`);
  return product;
};
