/**
 * Mistake: the writer deletes the value, then moves the fence, as two commands
 * Replaces: fence.ts
 * Caught by: 03.4
 *
 * Both steps are there, after the commit, and the fence even gets its TTL in the same
 * MULTI as its INCR. But DEL and INCR reach Redis one after the other: a slow reader whose
 * fill arrives between them finds the fence where it left it, and its old row is stored
 * after the DEL. The INCR that follows cannot take it back. The delete and the fence move
 * must be one step (one script), or the fence must move first.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';
export { readFence, writeThrough } from '../src/fence.js';

export async function invalidate(redis: Redis, keys: ProductKeys): Promise<void> {
  await redis.del(keys.value);
  await redis.multi().incr(keys.fence).expire(keys.fence, PRODUCT_TTL_SECONDS).exec();
}
