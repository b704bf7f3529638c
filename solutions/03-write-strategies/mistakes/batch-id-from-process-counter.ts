/**
 * Mistake: batch ids come from a counter in process memory
 * Replaces: view-batches.ts
 * Caught by: 03.22
 *
 * "batch-1", "batch-2", ...: readable, unique within the process, and every
 * single-process check passes. But every process starts counting at 1, and so does this
 * one after a restart: the second process's first batch is "batch-1" again, Postgres
 * already has that id, and the batch is skipped as applied. (Two processes claiming at
 * once could even RENAME onto the same key.) Ids that must be unique across processes and
 * restarts come from randomUUID, not from a module-level counter.
 */
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';
import { claimPending as claimAs } from '../src/view-batches.js';
export { ackBatch, claimedBatches, readBatch } from '../src/view-batches.js';

let lastBatch = 0;

/** The solution's claim, with ids counted from 1 again in every process. */
export function claimPending(redis: Redis, keys: ViewKeys): Promise<void> {
  return claimAs(redis, keys, `batch-${++lastBatch}`);
}
