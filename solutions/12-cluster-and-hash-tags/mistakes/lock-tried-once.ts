/**
 * Mistake: acquireLock tries once and ignores waitMs
 * Replaces: lock.ts
 * Caught by: 12.9, 12.10
 *
 * A lock that gives up at once never blocks anyone, and the first miss still renders
 * alone. Every concurrent miss, though, finds the lock taken, returns null, and renders
 * from Postgres itself: the stampede the lock was there to stop.
 */
import type { Cluster } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Lock, LockOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Cluster, key: string, { ttlMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK' ? { key, token } : null;
}
