import type { Redis } from 'ioredis';
import {
  PRODUCT_TTL_SECONDS,
  type Product,
} from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from './keys.js';
import { luaScript } from './lua-script.js';

// #region fill-script
/**
 * KEYS: value, fence. ARGV: the fence the reader saw before it loaded, the value, TTL.
 * Fills the cache only if no write moved the fence in the meantime; otherwise what the
 * reader loaded may be older than a committed write, and it must not be cached.
 */
const fillIfUnchanged = luaScript(`
  if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then return 0 end
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
`);
// #endregion fill-script

// #region read-product
/**
 * Cache-aside read with a fenced fill. The fence is read in the same round trip as the
 * value, so always before the loader's SELECT: a write that commits after that SELECT
 * moves the fence after we read it, and our fill is refused.
 */
export async function readProduct(
  redis: Redis,
  keys: ProductKeys,
  load: () => Promise<Product | null>,
): Promise<Product | null> {
  const [cached, fence] = await redis.mget(keys.value, keys.fence);
  if (cached) return JSON.parse(cached) as Product;

  const product = await load();
  if (product !== null) {
    await fillIfUnchanged(
      redis,
      [keys.value, keys.fence],
      [fence ?? '', JSON.stringify(product), PRODUCT_TTL_SECONDS],
    );
  }
  return product;
}
// #endregion read-product
