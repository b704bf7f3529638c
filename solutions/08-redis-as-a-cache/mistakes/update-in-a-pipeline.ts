/**
 * Mistake: the product key and the category field are written by a pipeline
 * Replaces: categories.ts
 * Caught by: 08.10
 *
 * One round trip, and both writes arrive together, so it feels atomic. It is not: the
 * server may run another client's commands between them, so a reader can find the new
 * price in the product key and the old one in the category.
 */
import * as contract from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { updateProduct as updateInScript } from '../src/categories.js';
export { cacheCategory } from '../src/categories.js';

export const updateProduct: typeof updateInScript = async (target, id, product) => {
  const category = contract.categoryKey(target.keyPrefix, id);
  const json = JSON.stringify(product);
  const pipeline = target.redis.pipeline();
  const productKey = contract.productKey(target.keyPrefix, product.id);
  pipeline.set(productKey, json, 'EX', contract.PRODUCT_TTL_SECONDS);
  if (await target.redis.exists(category)) pipeline.hset(category, String(product.id), json);
  await pipeline.exec();
};
