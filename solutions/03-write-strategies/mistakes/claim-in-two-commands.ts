/**
 * Mistake: the claim renames the pending hash, then lists the batch, as two commands
 * Replaces: view-batches.ts
 * Caught by: 03.23
 *
 * RENAME is atomic on its own, and the batch is listed right after it, so in every test
 * where the process keeps running, nothing is lost. But a process that dies between the
 * two leaves a batch key that no list mentions: no later flush looks for it, and its
 * views stay in Redis for ever, never applied. A multi-step change to Redis must be one
 * step (a script or MULTI) whenever a crash in between would lose something.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';
export { ackBatch, claimedBatches, readBatch } from '../src/view-batches.js';

export async function claimPending(redis: Redis, keys: ViewKeys): Promise<void> {
  const id = randomUUID();
  const renamed = await redis.renamenx(keys.pending, keys.batch(id)).catch(() => 0); // no pending hash: nothing to claim
  if (renamed === 1) await redis.rpush(keys.batches, id);
}
