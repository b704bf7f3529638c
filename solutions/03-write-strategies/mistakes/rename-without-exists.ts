/**
 * Mistake: the claim RENAMEs the pending hash without checking that it exists
 * Replaces: view-batches.ts
 * Caught by: 03.21
 *
 * RENAME plus RPUSH in one script: atomic, and right whenever there are views to flush.
 * But a timer flushes an empty buffer most of the time, and RENAME of a missing key is an
 * error ("ERR no such key"): the script fails, flush() rejects, and every quiet tick logs
 * an error (or, unguarded, throws). An empty flush is the common case: check EXISTS first.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ViewKeys } from '../src/keys.js';
import { luaScript } from '../src/lua-script.js';
import { claimSource } from '../src/view-batches.js';
export { ackBatch, claimedBatches, readBatch } from '../src/view-batches.js';

/** The solution's claim script without its EXISTS guard. */
const claim = luaScript(claimSource.replace(/^.*'EXISTS'.*\n/m, ''));

export async function claimPending(redis: Redis, keys: ViewKeys): Promise<void> {
  const batch = randomUUID();
  await claim(redis, [keys.pending, keys.batch(batch), keys.batches], [batch]);
}
