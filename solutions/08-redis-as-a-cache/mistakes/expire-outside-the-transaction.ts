/**
 * Mistake: the category's EXPIRE follows its HSET in a pipeline, not a transaction
 * Replaces: categories.ts
 * Caught by: 08.8
 *
 * HSET cannot carry a TTL, so a second command is needed, and the pipeline sends both in
 * one round trip. But a pipeline is not atomic: if the EXPIRE is lost (a dropped
 * connection, a timeout), the category never expires and serves its members for ever.
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
  const pipeline = target.redis.pipeline().del(key);
  if (products.length > 0) {
    const fields = products.flatMap((p) => [String(p.id), JSON.stringify(p)]);
    pipeline.hset(key, ...fields).expire(key, PRODUCT_TTL_SECONDS);
  }
  await pipeline.exec();
}
