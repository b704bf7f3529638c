/**
 * Mistake: a flush applies at most ten claimed batches, leaving the rest for later flushes
 * Replaces: view-batches.ts
 * Caught by: 03.12
 *
 * Capping the work of one flush sounds prudent: after an outage, hundreds of batches may
 * be waiting, and one flush that applies them all is a long one. Normally there is one
 * batch per flush, so the cap never shows. But the batches pile up exactly when flushes
 * fail, and then the first good flush applies ten of them and resolves as if it had
 * flushed: a close() that relies on it leaves views behind, and a timer that fell behind
 * catches up only ten intervals at a time. A flush takes everything claimed; each batch
 * is still its own transaction.
 */
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';
export { ackBatch, claimPending, readBatch } from '../src/view-batches.js';

export function claimedBatches(redis: Redis, keys: ViewKeys): Promise<string[]> {
  // At most ten batches per flush, so one flush after an outage stays short; the rest wait.
  return redis.lrange(keys.batches, 0, 9);
}
