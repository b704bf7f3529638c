/**
 * Mistake: a waiter pauses a fixed 25 ms between tries, however long it has waited
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * 25 ms keeps a waiter under the README's 21 tries in 500 ms, and a little jitter keeps
 * waiters apart, so it looks tuned. But the pace never slows: a holder stuck behind a
 * slow load is asked forty times a second by every waiter for as long as it holds the
 * lock, while a short first pause would have caught a quick release sooner. Start with a
 * few milliseconds and let the pause grow.
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
    await sleep(Math.min(leftMs, 20 + Math.random() * 10));
  }
}
