/**
 * Mistake: a waiter retries the lock as fast as Redis answers, with no pause between tries
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * The wait is bounded by waitMs, so nothing hangs, and the round trip to Redis looks like
 * pause enough. It is not: on a local network a round trip takes a fraction of a
 * millisecond, so one waiter sends thousands of SET NX a second about one key, and a
 * thousand waiters behind one slow load keep Redis busier asking "is it free yet?" than
 * serving the site. Sleep between tries: a few milliseconds at first, growing, with jitter
 * so that waiters drift apart instead of retrying in step.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const giveUpAt = performance.now() + waitMs;
  do {
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
  } while (performance.now() < giveUpAt); // the round trip is the pause
  return null;
}
