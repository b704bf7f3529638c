import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { applyBatch } from './apply-batch.js';
import type { ViewKeys } from './keys.js';
import { ackBatch, claimedBatches, claimPending, readBatch } from './view-batches.js';

// #region flush
/**
 * One flush: claim what is pending, then apply every claimed batch (including those a
 * failed or crashed flush left behind) and forget each only after its commit. If
 * Postgres fails, the error reaches the caller and the batch stays listed for the next
 * flush; batches after it wait too, so they are applied in the order they were claimed.
 */
export async function flushViews(redis: Redis, db: Pool, keys: ViewKeys): Promise<number> {
  await claimPending(redis, keys);
  let applied = 0;
  for (const id of await claimedBatches(redis, keys)) {
    const counts = await readBatch(redis, keys, id);
    if (counts.size > 0) applied += await applyBatch(db, id, counts);
    await ackBatch(redis, keys, id);
  }
  return applied;
}
// #endregion flush
