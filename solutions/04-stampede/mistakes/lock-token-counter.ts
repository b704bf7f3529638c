/**
 * Mistake: the lock token is a counter, unique inside one process
 * Replaces: lock.ts
 * Caught by: 04.14
 *
 * Every acquisition gets a new number, so two locks taken by this process never share a
 * token, and a test driving one module instance sees exactly that. But every process
 * starts counting at 1: process A's lock number 3 and process B's lock number 3 are the
 * same token, so B can release or extend A's lock, and anyone who has seen one token can
 * guess the next. A token must be random (node:crypto), not merely different from the last.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

let acquisitions = 0;

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  acquisitions += 1;
  const token = `lock-owner-${String(acquisitions).padStart(12, '0')}`;
  const giveUpAt = performance.now() + waitMs;
  for (;;) {
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
    if (performance.now() >= giveUpAt) return null;
    await sleep(10);
  }
}
