/**
 * Mistake: a write marks the fence with a fixed value ("1") instead of incrementing it
 * Replaces: fence.ts
 * Caught by: 03.4, 03.18
 *
 * A "dirty" marker looks like all a fence needs: a reader that saw no marker before its
 * load sees one afterwards and refuses to fill. That holds for a product's first write
 * only. From then on the marker is always "1": a reader that saw "1" before its load sees
 * "1" again after the next write, and fills with the row it loaded before that write.
 * Two writers cannot tell each other apart either. A fence must take a new value on
 * every write: INCR.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';
export { readFence } from '../src/fence.js';

export async function invalidate(redis: Redis, keys: ProductKeys): Promise<void> {
  await redis.multi().del(keys.value).set(keys.fence, '1', 'EX', PRODUCT_TTL_SECONDS).exec();
}

const MARK_AND_CACHE = `
  local unchanged = (redis.call('GET', KEYS[2]) or '') == ARGV[1]
  redis.call('SET', KEYS[2], '1', 'EX', ARGV[3])
  if unchanged then
    redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
    return 1
  end
  redis.call('DEL', KEYS[1])
  return 0
`;

export async function writeThrough(redis: Redis, keys: ProductKeys, seen: string, value: string): Promise<boolean> {
  return (await redis.eval(MARK_AND_CACHE, 2, keys.value, keys.fence, seen, value, PRODUCT_TTL_SECONDS)) === 1;
}
