/**
 * Mistake: write-through checks the fence with a GET, then caches in a MULTI
 * Replaces: fence.ts
 * Caught by: 03.18
 *
 * Every step is there: the fence read before the UPDATE, compared after it, the SET and
 * the INCR in one MULTI with their TTLs. But the comparison happens in Node. A second
 * write that commits after ours and runs its whole cache step between our GET and our
 * MULTI moves the fence after we looked; our MULTI then stores our older row over its
 * newer one, for an hour. The check and the SET must be one step on the server (Lua).
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';

export async function readFence(redis: Redis, keys: ProductKeys): Promise<string> {
  return (await redis.get(keys.fence)) ?? '';
}

export async function invalidate(redis: Redis, keys: ProductKeys): Promise<void> {
  await redis.multi().del(keys.value).incr(keys.fence).expire(keys.fence, PRODUCT_TTL_SECONDS).exec();
}

export async function writeThrough(redis: Redis, keys: ProductKeys, seen: string, value: string): Promise<void> {
  if ((await readFence(redis, keys)) !== seen) return invalidate(redis, keys);
  await redis.multi().set(keys.value, value, 'EX', PRODUCT_TTL_SECONDS).incr(keys.fence).expire(keys.fence, PRODUCT_TTL_SECONDS).exec();
}
