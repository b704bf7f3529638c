/**
 * Mistake: HSET always, then DEL the category if it had not existed
 * Replaces: categories.ts
 * Caught by: 08.15
 *
 * EXISTS, SET and HSET share one MULTI, and a category the HSET created is deleted right
 * after, so it ends absent as it should. But between the EXEC and the DEL it exists,
 * holding one product: any reader in that moment caches or shows a category of one.
 */
import * as contract from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { updateProduct as updateInScript } from '../src/categories.js';
export { cacheCategory } from '../src/categories.js';

export const updateProduct: typeof updateInScript = async ({ redis, keyPrefix }, id, product) => {
  const category = contract.categoryKey(keyPrefix, id);
  const json = JSON.stringify(product);
  const replies = await redis
    .multi()
    .exists(category)
    .set(contract.productKey(keyPrefix, product.id), json, 'EX', contract.PRODUCT_TTL_SECONDS)
    .hset(category, String(product.id), json)
    .exec();
  if (replies?.[0]?.[1] === 0) await redis.del(category); // a round trip after it was created
};
