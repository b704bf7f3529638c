/**
 * Mistake: SET, then EXPIRE, in a pipeline
 * Replaces: products.ts
 * Caught by: 08.4
 *
 * Every key ends with the right TTL, and the pipeline still costs one round trip. But
 * a pipeline is not a transaction: if the connection drops between the two, or the
 * EXPIRE fails, the product stays cached with no expiry. SET ... EX does both at once.
 */
import type {
  CacheTarget,
  Product,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import {
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
export { readProducts } from '../src/products.js';

export async function writeProducts(
  target: CacheTarget,
  products: Product[],
): Promise<void> {
  const pipeline = target.redis.pipeline();
  for (const p of products) {
    const key = productKey(target.keyPrefix, p.id);
    pipeline.set(key, JSON.stringify(p)).expire(key, PRODUCT_TTL_SECONDS);
  }
  await pipeline.exec();
}
