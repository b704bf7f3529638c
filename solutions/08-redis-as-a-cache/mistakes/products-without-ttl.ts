/**
 * Mistake: products are pipelined, but without a TTL
 * Replaces: products.ts
 * Caught by: 08.4
 *
 * With allkeys-* eviction, memory never fills up, so a TTL looks unnecessary: old
 * products will be evicted anyway. But eviction picks what is rarely used, not what is
 * stale: a popular product whose price changed is served with the old price for ever.
 */
import { productKey } from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { writeProducts as writeWithTtl } from '../src/products.js';
export { readProducts } from '../src/products.js';

export const writeProducts: typeof writeWithTtl = async ({ redis, keyPrefix }, products) => {
  const pipeline = redis.pipeline();
  for (const p of products) pipeline.set(productKey(keyPrefix, p.id), JSON.stringify(p));
  await pipeline.exec();
};
