/**
 * Mistake: the batch id recorded in Postgres is a hash of the batch's contents
 * Replaces: flush-views.ts
 * Caught by: 03.22
 *
 * A content hash is a natural idempotency key: the same batch retried gives the same id,
 * and it needs no state. But two different batches can have the same contents: two
 * flushes that each took "2 views of product 7" are two batches, and the second is taken
 * for a retry of the first and skipped. Views vanish whenever traffic repeats itself. An
 * id must name the batch (a UUID given when it is claimed), not describe it.
 */
import { createHash } from 'node:crypto';
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
    const contents = JSON.stringify([...counts].sort(([a], [b]) => a - b));
    if (counts.size > 0) applied += await applyBatch(db, createHash('sha256').update(contents).digest('hex'), counts);
    await ackBatch(redis, keys, id);
  }
  return applied;
}
