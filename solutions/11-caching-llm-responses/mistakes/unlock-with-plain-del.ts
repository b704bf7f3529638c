/**
 * Mistake: the lock is released with a plain DEL
 * Replaces: flight-lock.ts
 * Caught by: 11.19
 *
 * The holder took the lock, so deleting it when done looks like its right. But a call
 * can outlive lockTtlMs: the lock expires, another process takes it for its own call,
 * and the first holder's DEL then removes the second one's lock. A third process finds
 * the question unlocked and pays again. Only the owner's token may delete it, checked
 * and deleted in one script.
 */
import type { Redis } from 'ioredis';
import type { FlightLock } from '../src/flight-lock.js';

export { tryLock, type FlightLock } from '../src/flight-lock.js';

export async function unlock(redis: Redis, lock: FlightLock): Promise<void> {
  await redis.del(lock.key);
}
