/**
 * Mistake: every holder writes the same token
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * With the compare-and-delete script in place, a fixed token still looks safe, and every
 * check that one holder makes passes. But a holder whose lock expired and passed to
 * another process compares equal to the new holder, and releases its lock.
 */
import type { Cluster } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { acquireLock as acquireRandom } from '../src/lock.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Cluster, key: string, options: LockOptions): Promise<Lock | null> {
  const lock = await acquireRandom(redis, key, options);
  if (lock === null) return null;
  await redis.set(key, 'held', 'KEEPTTL');
  return { key, token: 'held' };
}
