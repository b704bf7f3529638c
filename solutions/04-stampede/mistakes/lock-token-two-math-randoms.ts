/**
 * Mistake: the lock token is two Math.random() strings end to end, "for enough bits"
 * Replaces: lock.ts
 * Caught by: 04.14
 *
 * Twenty base-36 characters look like more than 64 bits, and two such tokens never collide
 * in practice. But however many draws are joined, they come from one fast generator whose
 * next outputs can be worked out from a few earlier ones: the length adds no secret. A lock
 * token is a proof of ownership; take it from node:crypto (randomUUID(), or randomBytes(16)).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

const draw = () => Math.random().toString(36).slice(2, 12).padEnd(10, '0');

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = draw() + draw();
  const giveUpAt = performance.now() + waitMs;
  for (let pause = 5; ; pause = Math.min(pause * 2, 200)) {
    if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK') return { key, token };
    const left = giveUpAt - performance.now();
    if (left <= 0) return null;
    await sleep(Math.min(pause / 2 + Math.random() * (pause / 2), left));
  }
}
