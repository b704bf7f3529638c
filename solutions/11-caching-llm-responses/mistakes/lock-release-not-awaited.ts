/**
 * Mistake: the lock is released in the background
 * Replaces: flight-lock.ts
 * Caught by: 11.12
 *
 * The answer is stored, so the caller has nothing more to wait for, and a release that
 * fails is covered by the lock's TTL anyway: sending the delete without awaiting it saves
 * the caller a round trip. But complete() now resolves while the lock may still be held:
 * the caller's next step (a retry, a test, a cache flush) meets a lock that outlives the
 * request, and a slow or failing Redis leaves it held for the whole lockTtlMs with nobody
 * the wiser. The release is part of the request: await it (bounded) before resolving.
 */
import type { Redis } from 'ioredis';
import { unlock as compareAndDelete, type FlightLock } from '../src/flight-lock.js';

export { tryLock, type FlightLock } from '../src/flight-lock.js';

export async function unlock(redis: Redis, lock: FlightLock): Promise<void> {
  void compareAndDelete(redis, lock).catch(() => {}); // the TTL frees it if this fails
}
