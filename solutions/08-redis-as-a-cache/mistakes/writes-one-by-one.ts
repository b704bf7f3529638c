/**
 * Mistake: one awaited SET per product
 * Replaces: products.ts
 * Caught by: 08.6
 *
 * Each SET carries its TTL and the code reads naturally. But each await is a round
 * trip: 200 products cost 200 of them, 20 ms at 0.1 ms each on a good network and far
 * more across zones, for work one pipeline does in one.
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
  for (const p of products) {
    const key = productKey(target.keyPrefix, p.id);
    await target.redis.set(key, JSON.stringify(p), 'EX', PRODUCT_TTL_SECONDS);
  }
}
