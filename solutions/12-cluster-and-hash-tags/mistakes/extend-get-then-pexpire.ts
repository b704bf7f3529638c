/**
 * Mistake: extend reads the token with GET, then sets the TTL with PEXPIRE, as two commands
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * Only the holder's token passes the compare, so it looks as safe as the release script.
 * Between the GET and the PEXPIRE, though, the lock can expire and pass to another
 * loader, whose lock then gets the long TTL: if that loader dies, every miss of the page
 * waits on a lock nobody holds.
 */
import type { Cluster } from 'ioredis';
import type { Lock } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';

export { acquireLock, releaseLock } from '../src/lock.js';

export async function extendLock(redis: Cluster, lock: Lock, ttlMs: number): Promise<boolean> {
  if ((await redis.get(lock.key)) !== lock.token) return false;
  return (await redis.pexpire(lock.key, ttlMs)) === 1;
}
