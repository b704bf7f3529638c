/**
 * Mistake: SET, then EXPIRE, in a pipeline
 * Replaces: products.ts
 * Caught by: 08.4
 *
 * Every key ends with the right TTL, and the pipeline still costs one round trip. But
 * a pipeline is not a transaction: if the connection drops between the two, or the
 * EXPIRE fails, the product stays cached with no expiry. SET ... EX does both at once.
 */
import {
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { writeProducts as writeWithEx } from '../src/products.js';
export { readProducts } from '../src/products.js';

export const writeProducts: typeof writeWithEx = async ({ redis, keyPrefix }, products) => {
  const pipeline = redis.pipeline();
  for (const p of products) {
    const key = productKey(keyPrefix, p.id);
    pipeline.set(key, JSON.stringify(p)).expire(key, PRODUCT_TTL_SECONDS);
  }
  await pipeline.exec();
};
