/**
 * Mistake: MGET is sent even for an empty list of ids
 * Replaces: products.ts
 * Caught by: 08.5
 *
 * One MGET per batch is exactly right, and every test with ids passes. But Redis
 * refuses an MGET without keys ("wrong number of arguments"), so the page that happens
 * to list no products fails instead of showing nothing.
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
  const keys = ids.map((id) => productKey(target.keyPrefix, id));
  const texts = await target.redis.mget(keys);
  return texts.map((text) => (text === null ? null : (JSON.parse(text) as Product)));
}
