/**
 * Mistake: a waiter gives up at nine tenths of waitMs, keeping the rest for the fallback
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * The margin looks considerate: the caller still has time to answer from Postgres within
 * its budget. But waitMs is the caller's budget for waiting, already chosen with the
 * fallback in mind, and a lock freed in the last tenth is missed: the caller loads the
 * page a second time, which is what the lock was for. Keep trying until waitMs has
 * passed, then give up.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const giveUpAt = performance.now() + 0.9 * waitMs;
  for (let attempt = 0; ; attempt++) {
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
    const leftMs = giveUpAt - performance.now();
    if (leftMs <= 0) return null;
    const ceiling = Math.min(100, 5 * 2 ** attempt);
    await sleep(Math.min(leftMs, ceiling / 2 + (Math.random() * ceiling) / 2));
  }
}
