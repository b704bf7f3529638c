/**
 * Mistake: the lock is released after the work, but not when the work throws
 * Replaces: hold-lock.ts
 * Caught by: 04.9, 04.12
 *
 * The happy path releases, and a test that only ever loads successfully stays green. When
 * the database fails, the exception skips the release: the lock stays until its TTL, and
 * for that long every miss on the key waits out lockWaitMs before answering, and every
 * refresh of it is skipped. Release in a finally block.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { releaseLock } from '../src/lock.js';

export async function whileHolding<T>(redis: Redis, lock: Lock, _ttlMs: number, work: () => Promise<T>): Promise<T> {
  const result = await work();
  await releaseLock(redis, lock);
  return result;
}
