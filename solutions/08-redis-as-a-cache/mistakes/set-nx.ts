/**
 * Mistake: products are written with SET ... NX
 * Replaces: products.ts
 * Caught by: 08.17
 *
 * NX skips keys that are already cached, which sounds like saved work: the same products
 * are written again and again by every page that loads them. But a product that changed
 * is skipped too: its new price waits until the old copy expires.
 */
import {
  PRODUCT_TTL_SECONDS,
  productKey,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import { writeProducts as overwrite } from '../src/products.js';
export { readProducts } from '../src/products.js';

export const writeProducts: typeof overwrite = async (target, products) => {
  const pipeline = target.redis.pipeline();
  for (const p of products) {
    const key = productKey(target.keyPrefix, p.id);
    pipeline.set(key, JSON.stringify(p), 'EX', PRODUCT_TTL_SECONDS, 'NX');
  }
  const failed = ((await pipeline.exec()) ?? []).find(([error]) => error !== null);
  if (failed) throw failed[0];
};
