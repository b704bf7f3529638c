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
import { invalidate as dropAndMove, writeThrough as writeAndMove } from '../src/fence.js';
import type { ProductKeys } from '../src/keys.js';
export { readFence } from '../src/fence.js';

/** Each write runs the solution's step, then puts the fence back to the fixed marker. */
const markDirty = (redis: Redis, keys: ProductKeys) => redis.set(keys.fence, '1', 'EX', PRODUCT_TTL_SECONDS);

export async function invalidate(redis: Redis, keys: ProductKeys): Promise<void> {
  await dropAndMove(redis, keys);
  await markDirty(redis, keys);
}

export async function writeThrough(redis: Redis, keys: ProductKeys, seen: string, value: string): Promise<void> {
  await writeAndMove(redis, keys, seen, value);
  await markDirty(redis, keys);
}
