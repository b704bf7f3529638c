/**
 * Mistake: a waiter tries again once, after a short pause, and then gives up
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * "If the holder is almost done, a second try gets the lock; if not, waiting longer will
 * not help." It does help: a load takes as long as it takes, and waitMs is how long the
 * caller chose to wait for it. Behind a load of 300 ms every waiter gives up at 100 ms
 * and runs the same query, which is the stampede the lock was there to stop.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const take = async () => (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
  if (await take()) return { key, token };
  if (waitMs <= 0) return null;
  await sleep(Math.min(waitMs, 100));
  return (await take()) ? { key, token } : null;
}
