/**
 * Mistake: the claimed batch is removed from Redis before it is written to Postgres
 * Replaces: flush-views.ts
 * Caught by: 03.12
 *
 * Claiming and forgetting in one go keeps Redis tidy and makes two flushes unable to
 * take the same batch, so it looks like the safe order. But between the forgetting and
 * the commit the views exist only in this process's memory: if Postgres refuses the
 * write, or the process dies, they are gone. Forget a batch only after its commit.
 */
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { applyBatch } from '../src/apply-batch.js';
import type { ViewKeys } from '../src/keys.js';
import { ackBatch, claimedBatches, claimPending, readBatch } from '../src/view-batches.js';

export async function flushViews(redis: Redis, db: Pool, keys: ViewKeys): Promise<number> {
  await claimPending(redis, keys);
  const batches = [];
  for (const id of await claimedBatches(redis, keys)) {
    batches.push({ id, counts: await readBatch(redis, keys, id) });
    await ackBatch(redis, keys, id); // taken: no other flush can pick it up now
  }
  let written = 0;
  for (const { id, counts } of batches) written += await applyBatch(db, id, counts);
  return written;
}
