/**
 * Mistake: the lock is released with a plain DEL
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * DEL of one key has no slot trouble on a cluster, so the cluster-minded rewrite drops
 * the script. But a holder whose lock expired, and was taken by another process, now
 * deletes that process's lock: the token is there to be compared.
 */
import type { Cluster } from 'ioredis';
import type { Lock } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';

export { acquireLock, extendLock } from '../src/lock.js';

export async function releaseLock(redis: Cluster, lock: Lock): Promise<boolean> {
  return (await redis.del(lock.key)) === 1;
}
