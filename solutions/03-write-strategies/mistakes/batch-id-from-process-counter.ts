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
import { luaScript } from '../src/lua-script.js';
export { ackBatch, claimedBatches, readBatch } from '../src/view-batches.js';

let lastBatch = 0;

const claim = luaScript(`
  if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('RPUSH', KEYS[3], ARGV[1])
  return 1
`);

export async function claimPending(redis: Redis, keys: ViewKeys): Promise<void> {
  const id = `batch-${++lastBatch}`;
  await claim(redis, [keys.pending, keys.batch(id), keys.batches], [id]);
}
