/**
 * Mistake: a flush that cannot reach Redis logs it and resolves with 0
 * Replaces: flush-views.ts
 * Caught by: 03.24
 *
 * "Don't let a Redis blip crash the timer" is right for the timer's tick, which logs a
 * failed flush. Done inside flush() it lies to every other caller: close() resolves as if
 * the last views were in Postgres, and a caller that flushes before a deploy is told
 * there was nothing to apply while the views wait in Redis.
 */
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { applyBatch } from '../src/apply-batch.js';
import type { ViewKeys } from '../src/keys.js';
import { ackBatch, claimedBatches, claimPending, readBatch } from '../src/view-batches.js';

export async function flushViews(redis: Redis, db: Pool, keys: ViewKeys): Promise<number> {
  let ids: string[];
  try {
    await claimPending(redis, keys);
    ids = await claimedBatches(redis, keys);
  } catch (error) {
    console.warn(`[views] Redis unavailable, nothing flushed: ${String(error)}`);
    return 0;
  }
  let applied = 0;
  for (const id of ids) {
    const counts = await readBatch(redis, keys, id);
    if (counts.size > 0) applied += await applyBatch(db, id, counts);
    await ackBatch(redis, keys, id);
  }
  return applied;
}
