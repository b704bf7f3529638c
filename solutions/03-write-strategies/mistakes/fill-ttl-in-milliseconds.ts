/**
 * Mistake: the fill's TTL is given in the wrong unit (PX with a number of seconds)
 * Replaces: read-product.ts
 * Caught by: 03.5
 *
 * The fenced fill is right, and every key has a TTL, so the audit is happy. But PX takes
 * milliseconds: PRODUCT_TTL_SECONDS after PX keeps a product for 3.6 seconds, not an
 * hour. Nothing is wrong, just a cache that almost never hits, and a database that takes
 * the load the cache was meant to carry. A TTL is a number with a unit: check both.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS, type Product } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';

const FILL = `
  if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then return 0 end
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
`;

export async function readProduct(redis: Redis, keys: ProductKeys, load: () => Promise<Product | null>): Promise<Product | null> {
  const [cached, fence] = await redis.mget(keys.value, keys.fence);
  if (cached) return JSON.parse(cached) as Product;
  const product = await load();
  if (product !== null) await redis.eval(FILL, 2, keys.value, keys.fence, fence ?? '', JSON.stringify(product), PRODUCT_TTL_SECONDS);
  return product;
}
