/**
 * Mistake: the holder extends its lock once, shortly before it would expire
 * Replaces: hold-lock.ts
 * Caught by: 04.19
 *
 * One extension covers the load that is a little slow, and a setTimeout needs no clearing
 * in the common case. But a load that is slow because Postgres is in trouble outlasts two
 * TTLs as easily as one: the lock expires under a living holder, and the next process
 * runs the same load. Extend on an interval for as long as the work runs.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { extendLock, releaseLock } from '../src/lock.js';

export async function whileHolding<T>(redis: Redis, lock: Lock, ttlMs: number, work: () => Promise<T>): Promise<T> {
  const keepAlive = setTimeout(() => void extendLock(redis, lock, ttlMs).catch(() => {}), Math.floor(ttlMs * 0.8));
  try {
    return await work();
  } finally {
    clearTimeout(keepAlive);
    await releaseLock(redis, lock).catch(() => {});
  }
}
