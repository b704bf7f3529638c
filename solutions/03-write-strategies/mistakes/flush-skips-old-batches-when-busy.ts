/**
 * Mistake: a flush that claimed new views applies only its own batch
 * Replaces: flush-views.ts
 * Caught by: 03.12
 *
 * Batches left by failed flushes are picked up whenever a flush finds nothing new, which
 * looks like enough: a quiet moment always comes. Under steady traffic it does not: every
 * flush claims something, applies only that, and the views of the failed flushes wait in
 * Redis for as long as the site is busy, while the counts in Postgres are short.
 */
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { applyBatch } from '../src/apply-batch.js';
import type { ViewKeys } from '../src/keys.js';
import { ackBatch, claimedBatches, claimPending, readBatch } from '../src/view-batches.js';

export async function flushViews(redis: Redis, db: Pool, keys: ViewKeys): Promise<number> {
  const waiting = new Set(await claimedBatches(redis, keys));
  await claimPending(redis, keys);
  const claimed = await claimedBatches(redis, keys);
  const mine = claimed.filter((id) => !waiting.has(id));
  let applied = 0;
  for (const id of mine.length > 0 ? mine : claimed) {
    const counts = await readBatch(redis, keys, id);
    if (counts.size > 0) applied += await applyBatch(db, id, counts);
    await ackBatch(redis, keys, id);
  }
  return applied;
}
