/**
 * Mistake: a batch found already applied is skipped and left in Redis
 * Replaces: flush-views.ts
 * Caught by: 03.13
 *
 * "Applied before: nothing to do" reads right, and Postgres is never counted twice. But
 * the batch is still listed in Redis: every later flush, on every process, reads it again
 * and opens a transaction to learn that it was applied, for ever, and the buffer's keys
 * grow by one batch for each flusher that died after its commit.
 */
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { applyBatch } from '../src/apply-batch.js';
import type { ViewKeys } from '../src/keys.js';
import { ackBatch, claimedBatches, claimPending, readBatch } from '../src/view-batches.js';

export async function flushViews(redis: Redis, db: Pool, keys: ViewKeys): Promise<number> {
  await claimPending(redis, keys);
  let applied = 0;
  for (const id of await claimedBatches(redis, keys)) {
    const counts = await readBatch(redis, keys, id);
    if (counts.size > 0) {
      const added = await applyBatch(db, id, counts);
      if (added === 0) continue; // applied by someone else already: nothing to do
      applied += added;
    }
    await ackBatch(redis, keys, id);
  }
  return applied;
}
