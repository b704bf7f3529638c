/**
 * Mistake: the lock has an owner token but no TTL
 * Replaces: lock.ts
 * Caught by: 04.1
 *
 * The loader releases in a finally block, so an expiry looks unnecessary, and without one
 * a slow load can never lose its lock halfway. But a process that crashes, is killed by
 * a deploy or loses its connection never reaches the finally. Its lock stays for ever, and
 * from then on every miss for that key waits out lockWaitMs and goes to the database.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomBytes(16).toString('hex');
  const startedAt = Date.now();
  for (;;) {
    if ((await redis.setnx(key, token)) === 1) return { key, token };
    if (Date.now() - startedAt >= waitMs) return null;
    await sleep(20);
  }
}
