/**
 * Mistake: reading a product renews its TTL (GETEX ... EX)
 * Replaces: products.ts
 * Caught by: 08.16
 *
 * One pipeline of GETEX reads and renews in one round trip, and keeping what is read
 * looks like what a cache should do. But the TTL is what bounds staleness: a product
 * read every few minutes is never written again, and serves its old price for ever.
 */
import {
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import { readProducts as readOnly } from '../src/products.js';
export { writeProducts } from '../src/products.js';

export const readProducts: typeof readOnly = async (target, ids) => {
  const pipeline = target.redis.pipeline();
  for (const id of ids) pipeline.getex(productKey(target.keyPrefix, id), 'EX', PRODUCT_TTL_SECONDS);
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([, text]) => (typeof text === 'string' ? (JSON.parse(text) as Awaited<ReturnType<typeof readOnly>>[number]) : null));
};
