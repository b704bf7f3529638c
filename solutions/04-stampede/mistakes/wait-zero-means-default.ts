/**
 * Mistake: waitMs 0 is read as "not given", and a waiter then waits 500 ms
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * `waitMs || 500` looks like a default. But 0 is a value a caller chooses on purpose: try
 * once and fall back at once (the background refresh does, since the page is already
 * served). With 0 turned into 500, every request that only wanted to try now waits.
 */
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';
import { acquireLock as right } from '../src/lock.js';

export { extendLock, releaseLock } from '../src/lock.js';

export function acquireLock(redis: Redis, key: string, options: LockOptions): Promise<Lock | null> {
  return right(redis, key, { ...options, waitMs: options.waitMs || 500 });
}
