/**
 * Mistake: a hit renews the entry once less than half a minute of its hour is left
 * Replaces: read-product.ts
 * Caught by: 03.5
 *
 * Refresh-ahead by hand: a fresh entry keeps its TTL, so a read right after a fill sees
 * nothing renewed, and a popular product never misses in the middle of traffic. But the
 * TTL is the backstop for a lost invalidation: a product read twice a minute near the end
 * of its hour keeps a stale price for ever, and popular ones are read that often.
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

const REFRESH_AHEAD_MS = 30_000;

export async function readProduct(redis: Redis, keys: ProductKeys, load: () => Promise<Product | null>): Promise<Product | null> {
  const replies = await redis.multi().get(keys.value).pttl(keys.value).get(keys.fence).exec();
  const [cached, pttl, fence] = (replies ?? []).map(([, value]) => value as string | number | null);
  if (typeof cached === 'string') {
    if (Number(pttl) >= 0 && Number(pttl) < REFRESH_AHEAD_MS) await redis.expire(keys.value, PRODUCT_TTL_SECONDS);
    return JSON.parse(cached) as Product;
  }

  const product = await load();
  if (product !== null) {
    await fillIfUnchanged(redis, [keys.value, keys.fence], [String(fence ?? ''), JSON.stringify(product), PRODUCT_TTL_SECONDS]);
  }
  return product;
}
