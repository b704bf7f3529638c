/**
 * Mistake: a waiter that wins the lock gets what is left of ttlMs after its wait
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * The waiter reasons that the caller asked for the lock "for ttlMs from now", so time
 * spent waiting comes off the lease. But ttlMs is how long a holder may work before the
 * lock is presumed dead, and it starts when the lock is taken: a waiter that waited most
 * of ttlMs gets a lease too short for its load, loses the lock mid-load, and a second
 * loader runs. Every try carries the whole ttlMs.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const startedAt = performance.now();
  for (let attempt = 0; ; attempt++) {
    const waited = performance.now() - startedAt;
    const lease = Math.max(1, Math.round(ttlMs - waited));
    if ((await redis.set(key, token, 'PX', lease, 'NX')) === 'OK') return { key, token };
    const leftMs = waitMs - (performance.now() - startedAt);
    if (leftMs <= 0) return null;
    const ceiling = Math.min(100, 5 * 2 ** attempt);
    await sleep(Math.min(leftMs, ceiling / 2 + (Math.random() * ceiling) / 2));
  }
}
