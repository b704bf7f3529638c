/**
 * Mistake: the pauses between tries double, but with no random part
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * Exponential backoff is the textbook answer, and 5, 10, 20 ... ms capped at 100 gets the
 * pace right. But every waiter that found the lock held at the same moment (they all
 * missed the same expired page) now sleeps the same 5, 10, 20 ms and retries at the same
 * instants: the herd is only spaced out, never spread. Draw each pause from a range.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const giveUpAt = performance.now() + waitMs;
  for (let attempt = 0; ; attempt++) {
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
    const leftMs = giveUpAt - performance.now();
    if (leftMs <= 0) return null;
    await sleep(Math.min(leftMs, 100, 5 * 2 ** attempt));
  }
}
