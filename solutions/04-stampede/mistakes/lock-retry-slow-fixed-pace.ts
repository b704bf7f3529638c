/**
 * Mistake: a waiter tries every 150 ms, from the first pause on
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * Four tries in half a second is gentle on Redis, so a slow, even pace looks like the
 * polite choice. But most locks are freed within a few milliseconds of the first try (the
 * holder was just finishing), and this waiter sees that up to 150 ms later, on every miss of
 * every page. Pause a few milliseconds first and let the pause grow: quick releases are
 * seen at once, and slow holders are still asked rarely.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const giveUpAt = performance.now() + waitMs;
  for (;;) {
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
    const leftMs = giveUpAt - performance.now();
    if (leftMs <= 0) return null;
    await sleep(Math.min(leftMs, 140 + Math.random() * 20));
  }
}
