/**
 * Mistake: the keep-alive timer extends the lock with a plain PEXPIRE
 * Replaces: hold-lock.ts
 * Caught by: 04.19
 *
 * The holder "knows" the lock is its own, so the timer skips the owner check that
 * extendLock makes. But a holder can lose its lock without knowing: a pause longer than
 * the TTL (a GC, a stalled connection) lets it expire and another process take it. From
 * then on this timer keeps the other process's lock alive, for as long as its own work
 * runs. Extend with the compare-and-extend script, from the timer too.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { releaseLock } from '../src/lock.js';

export async function whileHolding<T>(redis: Redis, lock: Lock, ttlMs: number, work: () => Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => void redis.pexpire(lock.key, ttlMs).catch(() => {}), Math.max(1, Math.floor(ttlMs / 3)));
  keepAlive.unref();
  try {
    return await work();
  } finally {
    clearInterval(keepAlive);
    await releaseLock(redis, lock).catch(() => {});
  }
}
