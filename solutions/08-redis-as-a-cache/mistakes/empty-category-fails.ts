/**
 * Mistake: an empty category is sent to HSET
 * Replaces: categories.ts
 * Caught by: 08.12
 *
 * DEL, HSET and EXPIRE in one MULTI is right for every category with products. But an
 * HSET with no fields is an error, so the MULTI fails (EXECABORT) and the old members
 * stay cached for the category that was emptied.
 */
import type {
  CacheTarget,
  Product,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import {
  categoryKey,
  PRODUCT_TTL_SECONDS,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
export { updateProduct } from '../src/categories.js';

export async function cacheCategory(
  target: CacheTarget,
  id: number,
  products: Product[],
): Promise<void> {
  const key = categoryKey(target.keyPrefix, id);
  const fields = products.flatMap((p) => [String(p.id), JSON.stringify(p)]);
  const transaction = target.redis.multi().del(key).hset(key, ...fields);
  await transaction.expire(key, PRODUCT_TTL_SECONDS).exec();
}
