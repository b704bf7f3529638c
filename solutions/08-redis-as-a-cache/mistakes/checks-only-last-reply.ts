/**
 * Mistake: writeProducts looks at the last reply of its pipeline only
 * Replaces: products.ts
 * Caught by: 08.21
 *
 * When memory is full every write fails, the last one too, so the OOM is reported. But a
 * write refused in the middle of a batch, with the rest stored, goes unnoticed.
 */
import {
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import type { writeProducts as writeChecked } from '../src/products.js';
export { readProducts } from '../src/products.js';

export const writeProducts: typeof writeChecked = async ({ redis, keyPrefix }, products) => {
  const pipeline = redis.pipeline();
  for (const p of products) pipeline.set(productKey(keyPrefix, p.id), JSON.stringify(p), 'EX', PRODUCT_TTL_SECONDS);
  const [error] = ((await pipeline.exec()) ?? []).at(-1) ?? [null];
  if (error) throw error;
};
