import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from './keys.js';
import { luaScript } from './lua-script.js';

/**
 * The writer's side of the fence. Every write that reaches Postgres moves the product's
 * fence (INCR) in the same atomic step that deletes or replaces the cached value. A
 * reader, or a slower writer, that read the fence before the change sees that it moved
 * and leaves the cache alone (see read-product.ts).
 *
 * The fence expires with the product's TTL. It only has to outlive the slowest reader
 * in flight (milliseconds to seconds), and like every cache key it must not stay forever.
 */

/** The fence as a reader or writer saw it: '' when there was none. */
export async function readFence(redis: Redis, keys: ProductKeys): Promise<string> {
  return (await redis.get(keys.fence)) ?? '';
}

// #region invalidate
/** KEYS: value, fence. ARGV: TTL. Drops the cached copy and moves the fence, atomically. */
const invalidateScript = luaScript(`
  redis.call('DEL', KEYS[1])
  redis.call('INCR', KEYS[2])
  redis.call('EXPIRE', KEYS[2], ARGV[1])
`);

/**
 * Run after the commit: the next read loads the committed row, and no earlier reader can
 * refill the old one.
 */
export async function invalidate(redis: Redis, keys: ProductKeys): Promise<void> {
  await invalidateScript(redis, [keys.value, keys.fence], [PRODUCT_TTL_SECONDS]);
}
// #endregion invalidate

// #region write-through-script
/**
 * KEYS: value, fence. ARGV: the fence the writer read before its UPDATE, the new value, TTL.
 * If the fence has not moved, no other write reached Redis since our UPDATE began: cache
 * our row (a write that commits after ours still has to run this script, and will fix
 * the entry). If it moved, another write ran in between and we cannot tell whose row is
 * newer: delete, so the next read loads the committed truth. Either way move the fence,
 * so a reader that loaded before this write cannot put the old row back afterwards.
 */
const writeThroughScript = luaScript(`
  local unchanged = (redis.call('GET', KEYS[2]) or '') == ARGV[1]
  redis.call('INCR', KEYS[2])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
  if unchanged then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
    return 1
  end
  redis.call('DEL', KEYS[1])
  return 0
`);
// #endregion write-through-script

/** Caches `value` if no other write moved the fence since `seen`; deletes it otherwise. */
export async function writeThrough(
  redis: Redis,
  keys: ProductKeys,
  seen: string,
  value: string,
): Promise<void> {
  await writeThroughScript(redis, [keys.value, keys.fence], [seen, value, PRODUCT_TTL_SECONDS]);
}
