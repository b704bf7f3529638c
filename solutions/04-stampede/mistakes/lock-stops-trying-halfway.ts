/**
 * Mistake: past half of waitMs the waiter stops trying and sleeps out the rest
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * A holder that has kept the lock for half the wait is probably stuck, so the second half
 * looks like time better spent not sending commands, and the waiter still gives up exactly
 * when waitMs has passed. But the lock is freed as often late in the wait as early: the
 * waiter then sleeps beside a free lock and falls back to the database for nothing.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const startedAt = performance.now();
  for (let pauseMs = 5; ; pauseMs = Math.min(100, pauseMs * 2)) {
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
    const waitedMs = performance.now() - startedAt;
    if (waitedMs >= waitMs / 2) {
      await sleep(Math.max(0, waitMs - waitedMs));
      return null;
    }
    await sleep(pauseMs / 2 + (Math.random() * pauseMs) / 2);
  }
}
