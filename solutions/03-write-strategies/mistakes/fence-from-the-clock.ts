/**
 * Mistake: a write sets the fence to the current time in milliseconds instead of incrementing it
 * Replaces: fence.ts
 * Caught by: 03.4, 03.8
 *
 * A timestamp looks like a better fence than a counter: it changes on every write, needs
 * no INCR, and even says when the product last changed. But it changes only when the
 * clock does. Two writes to a product in the same millisecond (a burst of price updates,
 * two instances acting on one event) write the same value, and a reader that read the
 * fence after the first write and loaded that row before the second sees the fence
 * "unchanged" and caches a row the second write replaced. Clocks also differ between
 * instances and can step backwards. A fence must take a value it never had before on
 * every write: INCR, atomic on the server.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';
import { luaScript } from '../src/lua-script.js';
export { readFence } from '../src/fence.js';

/** KEYS: value, fence. ARGV: TTL, the time of the write. */
const invalidateScript = luaScript(`
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[1])
`);

export async function invalidate(redis: Redis, keys: ProductKeys): Promise<void> {
  await invalidateScript(redis, [keys.value, keys.fence], [PRODUCT_TTL_SECONDS, Date.now()]);
}

/** KEYS: value, fence. ARGV: the fence seen before the UPDATE, the value, TTL, the time of the write. */
const writeThroughScript = luaScript(`
  local unchanged = (redis.call('GET', KEYS[2]) or '') == ARGV[1]
  redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[3])
  if unchanged then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
    return 1
  end
  redis.call('DEL', KEYS[1])
  return 0
`);

export async function writeThrough(redis: Redis, keys: ProductKeys, seen: string, value: string): Promise<void> {
  await writeThroughScript(redis, [keys.value, keys.fence], [seen, value, PRODUCT_TTL_SECONDS, Date.now()]);
}
