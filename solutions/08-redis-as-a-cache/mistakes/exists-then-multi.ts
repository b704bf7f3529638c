/**
 * Mistake: EXISTS in one round trip, then the writes in a MULTI
 * Replaces: categories.ts
 * Caught by: 08.15
 *
 * Both writes are in one transaction, and the HSET is queued only when the category
 * exists, so it passes every check that runs the update alone. But the answer to EXISTS
 * is old by the time the MULTI runs: a category evicted or expired in between is
 * created again holding this one product, and served as the whole category.
 */
import * as contract from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { updateProduct as updateInScript } from '../src/categories.js';
export { cacheCategory } from '../src/categories.js';

export const updateProduct: typeof updateInScript = async ({ redis, keyPrefix }, id, product) => {
  const category = contract.categoryKey(keyPrefix, id);
  const json = JSON.stringify(product);
  const cached = await redis.exists(category); // decided here, written a round trip later
  const writes = redis.multi().set(contract.productKey(keyPrefix, product.id), json, 'EX', contract.PRODUCT_TTL_SECONDS);
  if (cached) writes.hset(category, String(product.id), json);
  await writes.exec();
};
