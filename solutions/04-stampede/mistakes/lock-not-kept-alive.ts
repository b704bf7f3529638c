/**
 * Mistake: the holder never extends its lock while it loads
 * Replaces: hold-lock.ts
 * Caught by: 04.19
 *
 * The lock has a TTL, a token and a release in `finally`, which is everything the lock
 * checks ask for, and on a normal day a load takes a fraction of the TTL. But on the day
 * Postgres is slow, the load outlasts the TTL: the lock expires under a holder that is
 * alive and still working, the next process takes it and runs the same query, and so does
 * the one after, one per TTL. The TTL is meant for holders that died; a living holder
 * extends its own lock (every third of the TTL) until it is done.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { releaseLock } from '../src/lock.js';

export async function whileHolding<T>(redis: Redis, lock: Lock, _ttlMs: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    await releaseLock(redis, lock).catch(() => {});
  }
}
