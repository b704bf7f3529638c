/**
 * Mistake: extendLock never shortens a lock, yet says it set the TTL
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * "Extend" reads as "make longer", so a request for less time than is left looks safe to
 * skip. But extendLock(lock, ttlMs) promises a lock that expires ttlMs from now: a holder
 * that shortens its lock to hand the page over sooner, or to end a lease it no longer
 * needs, is told it did while the lock stays for its old TTL.
 */
import type { Cluster } from 'ioredis';
import type { Lock } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { extendLock as setTtl } from '../src/lock.js';

export { acquireLock, releaseLock } from '../src/lock.js';

export async function extendLock(redis: Cluster, lock: Lock, ttlMs: number): Promise<boolean> {
  if ((await redis.pttl(lock.key)) < ttlMs) return setTtl(redis, lock, ttlMs);
  return (await redis.get(lock.key)) === lock.token;
}
