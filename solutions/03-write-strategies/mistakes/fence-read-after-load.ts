/**
 * Mistake: the reader reads the fence after loading, just before it fills
 * Replaces: read-product.ts
 * Caught by: 03.4, 03.8
 *
 * "Check the version right before writing" sounds like the safest moment, and the fill
 * is even a compare-and-set in Lua. But the check compares the fence with itself: a write
 * that committed while this reader was loading has already moved the fence, so the
 * reader reads the new fence, the comparison passes, and the old row goes in. The fence
 * must be read before the SELECT, so that it describes what the SELECT could have seen.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS, type Product } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';

const SET_IF_FENCE_IS = `
  if (redis.call('GET', KEYS[2]) or '') == ARGV[1] then
    return redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  end
  return false
`;

export async function readProduct(
  redis: Redis,
  keys: ProductKeys,
  load: () => Promise<Product | null>,
): Promise<Product | null> {
  const cached = await redis.get(keys.value);
  if (cached) return JSON.parse(cached) as Product;

  const product = await load();
  if (product === null) return null;
  const fence = (await redis.get(keys.fence)) ?? '';
  await redis.eval(SET_IF_FENCE_IS, 2, keys.value, keys.fence, fence, JSON.stringify(product), PRODUCT_TTL_SECONDS);
  return product;
}
