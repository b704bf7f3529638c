/**
 * Mistake: the token is a random id drawn once per process, then a counter
 * Replaces: lock.ts
 * Caught by: 04.14
 *
 * The random part makes every process's tokens different from every other's, so two
 * processes never collide, which is what the counter alone got wrong. But one token
 * gives away every later one of that process: anyone who saw `…:41` can release or
 * extend lock `…:42`. Each acquisition needs randomness of its own.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

const processId = randomUUID();
let acquisitions = 0;

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  acquisitions += 1;
  const token = `${processId}:${acquisitions}`;
  const giveUpAt = performance.now() + waitMs;
  for (let pauseMs = 5; ; pauseMs = Math.min(100, pauseMs * 2)) {
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
    const leftMs = giveUpAt - performance.now();
    if (leftMs <= 0) return null;
    await sleep(Math.min(leftMs, pauseMs / 2 + (Math.random() * pauseMs) / 2));
  }
}
