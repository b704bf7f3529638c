/**
 * Mistake: a waiter waits at most 200 ms, whatever waitMs says, "never block a request long"
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * A short wait sounds kind to the request. But the caller set waitMs from what a load
 * costs: give up sooner and every waiter behind a 500 ms load runs the load itself, which
 * is the stampede again, with a lock that only delays it.
 */
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';
import { acquireLock as right } from '../src/lock.js';

export { extendLock, releaseLock } from '../src/lock.js';

export function acquireLock(redis: Redis, key: string, options: LockOptions): Promise<Lock | null> {
  return right(redis, key, { ...options, waitMs: Math.min(options.waitMs, 200) });
}
