/**
 * Mistake: the field is written whether or not the category is cached
 * Replaces: categories.ts
 * Caught by: 08.11
 *
 * One MULTI, both copies, nothing else sent: it passes every check about size and
 * atomicity. But when the category was evicted or had expired, HSET creates it holding
 * this one product, with no TTL, and every reader takes that for the whole category.
 */
import type {
  CacheTarget,
  Product,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import {
  categoryKey,
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
export { cacheCategory } from '../src/categories.js';

export async function updateProduct(
  target: CacheTarget,
  id: number,
  product: Product,
): Promise<void> {
  const { redis, keyPrefix } = target;
  const json = JSON.stringify(product);
  await redis
    .multi()
    .set(productKey(keyPrefix, product.id), json, 'EX', PRODUCT_TTL_SECONDS)
    .hset(categoryKey(keyPrefix, id), String(product.id), json)
    .exec();
}
