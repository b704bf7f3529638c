/**
 * Mistake: the reader checks the fence with a GET from Node, then fills with a SET
 * Replaces: read-product.ts
 * Caught by: 03.17
 *
 * The fence is read before the load and compared before the fill, which is exactly the
 * idea, and it passes every check where the writer comes before the comparison. But the
 * GET and the SET are two round trips: a write that commits and moves the fence between
 * them is not seen, and the SET stores the row loaded before that write, for an hour.
 * The compare and the set must run as one step on the server: a Lua script.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS, type Product } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';

export async function readProduct(redis: Redis, keys: ProductKeys, load: () => Promise<Product | null>): Promise<Product | null> {
  const [cached, seen] = await redis.mget(keys.value, keys.fence);
  if (cached) return JSON.parse(cached) as Product;
  const product = await load();
  if (product !== null && (await redis.get(keys.fence)) === seen) {
    await redis.set(keys.value, JSON.stringify(product), 'EX', PRODUCT_TTL_SECONDS);
  }
  return product;
}
