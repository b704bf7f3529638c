/**
 * Mistake: caching a category writes its fields over the old hash without deleting it
 * Replaces: categories.ts
 * Caught by: 08.12
 *
 * HSET replaces every field it names, so a refreshed category looks refreshed. But a
 * product that left the category is not named, so its field stays: the category keeps
 * listing a product it no longer has until the whole hash expires.
 */
import {
  categoryKey,
  PRODUCT_TTL_SECONDS,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { cacheCategory as replaceCategory } from '../src/categories.js';
export { updateProduct } from '../src/categories.js';

export const cacheCategory: typeof replaceCategory = async (target, id, products) => {
  const { redis, keyPrefix } = target;
  if (products.length === 0) return;
  const key = categoryKey(keyPrefix, id);
  const fields = products.flatMap((p) => [String(p.id), JSON.stringify(p)]);
  await redis.multi().hset(key, ...fields).expire(key, PRODUCT_TTL_SECONDS).exec();
};
