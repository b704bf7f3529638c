/**
 * Mistake: the lock is taken with SET NX, and given its TTL by a PEXPIRE after it
 * Replaces: lock.ts
 * Caught by: 12.7, 12.9
 *
 * Once acquireLock resolves, the lock has its TTL and the right token, so every look at
 * it afterwards agrees. Between the two commands it has no TTL: a loader that dies there
 * (a deploy, an out-of-memory kill) leaves a lock nobody can take again, and every miss
 * of that page waits its full lockWaitMs forever after.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cluster } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Cluster, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  while ((await redis.setnx(key, token)) !== 1) {
    if (Date.now() >= deadline) return null;
    await sleep(10);
  }
  await redis.pexpire(key, ttlMs);
  return { key, token };
}
