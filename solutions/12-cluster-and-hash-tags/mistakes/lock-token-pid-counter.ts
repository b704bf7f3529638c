/**
 * Mistake: the lock's token is the process id and a counter
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * Within one process no two acquisitions share a token, which is all a test on one
 * machine sees. Across hosts the pids repeat (every container's first process is pid 1)
 * and every counter starts at zero, so two loaders draw the same token, and either can
 * release or extend the other's lock.
 */
import type { Cluster } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { acquireLock as acquireWithRandomToken } from '../src/lock.js';

export { extendLock, releaseLock } from '../src/lock.js';

let taken = 0;

export async function acquireLock(redis: Cluster, key: string, options: LockOptions): Promise<Lock | null> {
  const token = `${process.pid}:${++taken}`;
  // The real acquisition, with its value then replaced by the predictable token.
  const lock = await acquireWithRandomToken(redis, key, options);
  if (lock === null) return null;
  await redis.set(key, token, 'KEEPTTL');
  return { key, token };
}
