/**
 * Mistake: a cache hit renews the entry's TTL (GETEX), a sliding expiry
 * Replaces: read-product.ts
 * Caught by: 03.5
 *
 * Sliding expiry is a familiar idea from sessions: what is used stays, what is idle goes,
 * and popular products never pay for a miss. Reading the value with GETEX ... EX in the
 * same MULTI as the fence even keeps the read one round trip. But in this catalog the TTL
 * is not an idle timeout, it is the backstop for a lost invalidation: the longest a copy
 * may be served without being reloaded from Postgres. If a write's cache step fails (and
 * the lab says that is allowed, logged), a product read at least once an hour keeps its
 * stale price for ever, and the most popular products are exactly the ones that do.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS, type Product } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';
import { luaScript } from '../src/lua-script.js';

const fillIfUnchanged = luaScript(`
  if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then return 0 end
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
`);

export async function readProduct(redis: Redis, keys: ProductKeys, load: () => Promise<Product | null>): Promise<Product | null> {
  // A hit renews the entry, so popular products stay warm; the fence is read in the same step.
  const replies = await redis.multi().getex(keys.value, 'EX', PRODUCT_TTL_SECONDS).get(keys.fence).exec();
  const [cached, fence] = (replies ?? []).map(([, value]) => value as string | null);
  if (cached) return JSON.parse(cached) as Product;

  const product = await load();
  if (product !== null) {
    await fillIfUnchanged(redis, [keys.value, keys.fence], [fence ?? '', JSON.stringify(product), PRODUCT_TTL_SECONDS]);
  }
  return product;
}
