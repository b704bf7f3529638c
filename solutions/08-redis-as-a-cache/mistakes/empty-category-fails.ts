/**
 * Mistake: an empty category is sent to HSET
 * Replaces: categories.ts
 * Caught by: 08.12
 *
 * DEL, HSET and EXPIRE in one MULTI is right for every category with products. But an
 * HSET with no fields is an error, so the MULTI fails (EXECABORT) and the old members
 * stay cached for the category that was emptied.
 */
import {
  categoryKey,
  PRODUCT_TTL_SECONDS,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import { cacheCategory as cacheGuarded } from '../src/categories.js';
export { updateProduct } from '../src/categories.js';

export const cacheCategory: typeof cacheGuarded = async (target, id, products) => {
  if (products.length > 0) return cacheGuarded(target, id, products);
  // The real one skips HSET and EXPIRE here; this sends them with no fields.
  const key = categoryKey(target.keyPrefix, id);
  const noFields: string[] = [];
  const transaction = target.redis.multi().del(key).hset(key, ...noFields);
  await transaction.expire(key, PRODUCT_TTL_SECONDS).exec();
};
