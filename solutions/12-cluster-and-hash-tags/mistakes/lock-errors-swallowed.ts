/**
 * Mistake: acquireLock treats a Redis error as a lock held by someone else
 * Replaces: lock.ts
 * Caught by: 12.15
 *
 * Retrying until waitMs looks like the lock doing its job, and a brief error is even
 * retried away. But nothing is logged: with Redis failing, every miss silently waits its
 * full lockWaitMs before rendering, and nobody can tell the lock from the outage.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Cluster, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  for (;;) {
    const taken = await redis.set(key, token, 'PX', ttlMs, 'NX').catch(() => null);
    if (taken === 'OK') return { key, token };
    if (Date.now() >= deadline) return null;
    await sleep(10);
  }
}
