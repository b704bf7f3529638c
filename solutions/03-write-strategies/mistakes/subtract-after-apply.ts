/**
 * Mistake: a flush reads the pending counts, applies them, then subtracts them, guarded by an in-process lock
 * Replaces: flush-views.ts
 * Caught by: 03.13
 *
 * HINCRBY by minus what was applied keeps every view that arrived during the write, and a
 * flag stops two flushes of this process from reading the same counts, so the buffer
 * checks pass. But the flag lives in one process: two instances' flushes read the same
 * counts and both apply them. And a flush that dies after its commit, before the
 * subtraction, leaves the counts to be applied again. Claim a batch in Redis, and record
 * its id in Postgres with the views.
 */
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { addViews } from '../../../labs/03-write-strategies/src/contract.js';
import type { ViewKeys } from '../src/keys.js';

let flushing: Promise<number> | undefined;

export async function flushViews(redis: Redis, db: Pool, keys: ViewKeys): Promise<number> {
  while (flushing) await flushing.catch(() => 0);
  flushing = (async () => {
    const fields = await redis.hgetall(keys.pending);
    const counts = new Map(Object.entries(fields).map(([id, n]) => [Number(id), Number(n)] as const));
    if (counts.size === 0) return 0;
    await addViews(db, counts);
    const subtract = redis.multi();
    for (const [id, n] of counts) subtract.hincrby(keys.pending, String(id), -n);
    await subtract.exec();
    return [...counts.values()].reduce((sum, n) => sum + n, 0);
  })();
  try {
    return await flushing;
  } finally {
    flushing = undefined;
  }
}
