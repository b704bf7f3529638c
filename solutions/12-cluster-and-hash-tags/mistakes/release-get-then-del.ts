/**
 * Mistake: release reads the token with GET, then deletes with DEL, as two commands
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * It compares before it deletes, so a stranger's token never releases the lock, and each
 * command goes to the key's primary. But the compare and the delete are two steps: if the
 * lock expires between them and another loader takes it, the DEL removes that loader's
 * lock, and a third one renders the page beside it.
 */
import type { Cluster } from 'ioredis';
import type { Lock } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';

export { acquireLock, extendLock } from '../src/lock.js';

export async function releaseLock(redis: Cluster, lock: Lock): Promise<boolean> {
  if ((await redis.get(lock.key)) !== lock.token) return false;
  return (await redis.del(lock.key)) === 1;
}
