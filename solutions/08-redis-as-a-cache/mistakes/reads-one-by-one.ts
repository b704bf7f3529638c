/**
 * Mistake: one awaited GET per id
 * Replaces: products.ts
 * Caught by: 08.7
 *
 * The answers are right and in order. But a page of 200 products waits for 200 round
 * trips in a row; MGET fetches them all in one.
 */
import type {
  CacheTarget,
  Product,
} from '../../../labs/08-redis-as-a-cache/src/contract.js';
import { productKey } from '../../../labs/08-redis-as-a-cache/src/contract.js';
export { writeProducts } from '../src/products.js';

export async function readProducts(
  target: CacheTarget,
  ids: number[],
): Promise<(Product | null)[]> {
  const found: (Product | null)[] = [];
  for (const id of ids) {
    const text = await target.redis.get(productKey(target.keyPrefix, id));
    found.push(text === null ? null : (JSON.parse(text) as Product));
  }
  return found;
}
