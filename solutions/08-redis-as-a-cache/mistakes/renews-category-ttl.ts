/**
 * Mistake: updating a product renews the category's TTL
 * Replaces: categories.ts
 * Caught by: 08.16
 *
 * One script, one field, and a fresh TTL on the category "since it was just written". But
 * only one member is fresh: the others were cached long ago, and a category whose
 * products keep changing now never expires, serving members nobody ever reloads.
 */
import * as contract from '../../../labs/08-redis-as-a-cache/src/contract.js';
import { updateProduct as updateInScript } from '../src/categories.js';
export { cacheCategory } from '../src/categories.js';

export const updateProduct: typeof updateInScript = async (target, id, product) => {
  const category = contract.categoryKey(target.keyPrefix, id);
  await updateInScript(target, id, product);
  // A second step on its own, and a renewal the README rules out.
  await target.redis.expire(category, contract.PRODUCT_TTL_SECONDS, 'XX');
};
