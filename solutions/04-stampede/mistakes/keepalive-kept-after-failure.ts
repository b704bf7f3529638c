/**
 * Mistake: the keep-alive timer is stopped after a load that succeeds, not after one that throws
 * Replaces: hold-lock.ts
 * Caught by: 04.9
 *
 * The release is in the finally block, so the lock itself is freed either way, and the
 * clearInterval sits right after the work, where the happy path passes it. But a load
 * that throws jumps straight to the finally: its timer is never cleared and calls
 * extendLock every third of the TTL for as long as the process lives, one more for each
 * failed load. Stop the timer in the same finally that releases.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { extendLock, releaseLock } from '../src/lock.js';

export async function whileHolding<T>(redis: Redis, lock: Lock, ttlMs: number, work: () => Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => void extendLock(redis, lock, ttlMs).catch(() => {}), Math.max(1, Math.floor(ttlMs / 3)));
  keepAlive.unref();
  try {
    const result = await work();
    clearInterval(keepAlive);
    return result;
  } finally {
    await releaseLock(redis, lock).catch(() => {});
  }
}
