/**
 * Mistake: the fence expires after a few seconds instead of the catalog's hour
 * Replaces: fence.ts
 * Caught by: 03.4, 03.8
 *
 * The fence only has to stop readers that are in flight when the write lands, and a read
 * takes milliseconds, so a TTL of two seconds seems generous, and it keeps fences from
 * piling up. But "slow" is not bounded by a typical read: a GC pause, a saturated
 * connection pool or a retried query can hold a reader for longer. Once the fence has
 * expired, a reader that saw no fence before its load sees none again, and its fill of
 * the old row is accepted, for a full hour. The fence has to live as long as anything it
 * guards could: the catalog's TTL.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';
import { luaScript } from '../src/lua-script.js';
export { readFence } from '../src/fence.js';

const FENCE_TTL_SECONDS = 2;

const invalidateScript = luaScript(`
  redis.call('DEL', KEYS[1])
  redis.call('INCR', KEYS[2])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
`);

export async function invalidate(redis: Redis, keys: ProductKeys): Promise<void> {
  await invalidateScript(redis, [keys.value, keys.fence], [FENCE_TTL_SECONDS]);
}

/** KEYS: value, fence. ARGV: the fence seen before the UPDATE, the value, the value's TTL, the fence's TTL. */
const writeThroughScript = luaScript(`
  local unchanged = (redis.call('GET', KEYS[2]) or '') == ARGV[1]
  redis.call('INCR', KEYS[2])
  redis.call('EXPIRE', KEYS[2], ARGV[4])
  if unchanged then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
    return 1
  end
  redis.call('DEL', KEYS[1])
  return 0
`);

export async function writeThrough(redis: Redis, keys: ProductKeys, seen: string, value: string): Promise<void> {
  await writeThroughScript(redis, [keys.value, keys.fence], [seen, value, PRODUCT_TTL_SECONDS, FENCE_TTL_SECONDS]);
}
