/**
 * Mistake: the product key and the category field are written by a pipeline
 * Replaces: categories.ts
 * Caught by: 08.10
 *
 * One round trip, and both writes arrive together, so it feels atomic. It is not: the
 * server may run another client's commands between them, so a reader can find the new
 * price in the product key and the old one in the category.
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
  const key = categoryKey(keyPrefix, id);
  const json = JSON.stringify(product);
  const pipeline = redis.pipeline();
  pipeline.set(productKey(keyPrefix, product.id), json, 'EX', PRODUCT_TTL_SECONDS);
  if (await redis.exists(key)) pipeline.hset(key, String(product.id), json);
  await pipeline.exec();
}
