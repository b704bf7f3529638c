/**
 * Mistake: a waiter tries twice in quick succession, then once more when waitMs is up
 * Replaces: lock.ts
 * Caught by: 04.2
 *
 * Three commands per waiter whatever the wait, and the last one comes exactly when the
 * caller would give up, so it looks both cheap and thorough. But a lock freed a little
 * after the second try is not seen until the whole wait has passed: every waiter sits out
 * the full waitMs for a page that was ready long before. Keep trying through the wait,
 * with pauses that start short and grow.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const giveUpAt = performance.now() + waitMs;
  const tryOnce = async () => ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK' ? { key, token } : null);
  const first = await tryOnce();
  if (first || waitMs <= 0) return first;
  await sleep(5);
  const second = await tryOnce();
  if (second) return second;
  await sleep(Math.max(0, giveUpAt - performance.now()));
  return tryOnce();
}
