/**
 * Mistake: the keep-alive reads the lock, compares the token in the process, then PEXPIREs
 * Replaces: hold-lock.ts
 * Caught by: 04.19
 *
 * It does check ownership before extending, which a plain PEXPIRE does not, and the two
 * commands look too close together to matter. But between the GET's answer and the
 * PEXPIRE the lock can expire and pass to another process (this holder paused, a GC, a
 * slow network), and the PEXPIRE then lengthens the new owner's lock. The comparison and
 * the extension must happen in one step on the server: extendLock's script.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { releaseLock } from '../src/lock.js';

async function extendIfMine(redis: Redis, lock: Lock, ttlMs: number): Promise<void> {
  if ((await redis.get(lock.key)) === lock.token) await redis.pexpire(lock.key, ttlMs);
}

export async function whileHolding<T>(redis: Redis, lock: Lock, ttlMs: number, work: () => Promise<T>): Promise<T> {
  const keepAlive = setInterval(() => void extendIfMine(redis, lock, ttlMs).catch(() => {}), Math.max(1, Math.floor(ttlMs / 3)));
  keepAlive.unref();
  try {
    return await work();
  } finally {
    clearInterval(keepAlive);
    await releaseLock(redis, lock).catch(() => {});
  }
}
