/**
 * Mistake: write-through refreshes only a product that is already cached (SET ... XX)
 * Replaces: fence.ts
 * Caught by: 03.6
 *
 * "Don't fill the cache with cold items" sounds like thrift: a product nobody has read
 * should not take memory because somebody changed its price. But write-through promises
 * that the read after a write is a hit; with XX, the first read after a write to a cold
 * product misses and goes to Postgres, the cost write-through exists to avoid, and the
 * catalog behaves as write-through for some products and invalidate-on-write for others.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';
import { luaScript } from '../src/lua-script.js';

export { invalidate, readFence } from '../src/fence.js';

const writeThroughScript = luaScript(`
  local unchanged = (redis.call('GET', KEYS[2]) or '') == ARGV[1]
  redis.call('INCR', KEYS[2])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
  if unchanged then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3], 'XX')
    return 1
  end
  redis.call('DEL', KEYS[1])
  return 0
`);

export async function writeThrough(redis: Redis, keys: ProductKeys, seen: string, value: string): Promise<void> {
  await writeThroughScript(redis, [keys.value, keys.fence], [seen, value, PRODUCT_TTL_SECONDS]);
}
