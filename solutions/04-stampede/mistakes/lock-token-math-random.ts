/**
 * Mistake: the lock token comes from Math.random()
 * Replaces: lock.ts
 * Caught by: 04.14
 *
 * `Math.random().toString(36).slice(2)` is the token in countless snippets: short, new
 * every time, and two of them practically never collide. But Math.random() is not a
 * secret: it is a fast generator whose next outputs can be worked out from a few earlier
 * ones, and its string holds about 50 bits at best. A lock token is a proof of ownership;
 * take it from node:crypto (randomUUID(), or randomBytes(16)).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = Math.random().toString(36).slice(2, 12);
  const giveUpAt = performance.now() + waitMs;
  for (;;) {
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
    if (performance.now() >= giveUpAt) return null;
    await sleep(10);
  }
}
