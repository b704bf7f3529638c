/**
 * Mistake: the lock's token is the host, the pid, the module's load time and a counter
 * Replaces: lock.ts
 * Caught by: 12.9
 *
 * The load time, to the microsecond, tells apart two processes even with one pid, so no
 * two loaders draw the same token. But nothing in it is secret: whoever sees one token
 * knows the next of that process, and can release or extend a lock it never took.
 */
import { hostname } from 'node:os';
import type { Cluster } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/12-cluster-and-hash-tags/src/contract.js';
import { acquireLock as acquireWithRandomToken } from '../src/lock.js';

export { extendLock, releaseLock } from '../src/lock.js';

const loadedAt = performance.now().toFixed(3);
let taken = 0;

export async function acquireLock(redis: Cluster, key: string, options: LockOptions): Promise<Lock | null> {
  const token = `${hostname()}:${process.pid}:${loadedAt}:${++taken}`;
  // The real acquisition, with its value then replaced by the predictable token.
  const lock = await acquireWithRandomToken(redis, key, options);
  if (lock === null) return null;
  await redis.set(key, token, 'KEEPTTL');
  return { key, token };
}
