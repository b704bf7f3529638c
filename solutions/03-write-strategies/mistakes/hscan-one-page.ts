/**
 * Mistake: a batch is read with one HSCAN call, to avoid a big HGETALL
 * Replaces: view-batches.ts
 * Caught by: 03.21
 *
 * HSCAN instead of HGETALL is good advice for huge hashes in the request path, and with a
 * few hundred products the first page holds everything, so every small test passes. But
 * one HSCAN call returns one page (about COUNT fields) and a cursor to continue; ignoring
 * the cursor reads part of the batch, applies it, and the acknowledgement then deletes
 * the rest. Loop until the cursor is back to 0, or read the whole hash at once.
 */
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';
export { ackBatch, claimedBatches, claimPending } from '../src/view-batches.js';

export async function readBatch(redis: Redis, keys: ViewKeys, id: string): Promise<Map<number, number>> {
  const [, flat] = await redis.hscan(keys.batch(id), '0', 'COUNT', 1000);
  const counts = new Map<number, number>();
  for (let i = 0; i < flat.length; i += 2) counts.set(Number(flat[i]), Number(flat[i + 1]));
  return counts;
}
