/**
 * Mistake: a waiter's pauses grow, but every waiter's by the same amounts
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * 5, 10, 20 ... ms, capped at 100: a textbook exponential backoff, minus the random part.
 * Waiters that missed the lock together (the whole point of a stampede) then retry
 * together, every time: each round of tries reaches Redis as one burst, and when the lock
 * is freed they race for it as one crowd again. Draw part of each pause at random, so
 * that waiters who started together drift apart.
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
