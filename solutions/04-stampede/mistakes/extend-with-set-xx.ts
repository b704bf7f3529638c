/**
 * Mistake: extend rewrites the lock with SET ... XX, which checks only that a lock exists
 * Replaces: lock.ts
 * Caught by: 04.4
 *
 * `SET key token PX ttl XX` reads like "renew it if it is there", one atomic command with
 * our own token in it. But XX asks whether *a* lock exists, not whose: a holder that
 * stalled past its TTL overwrites the new owner's token with its own and takes the lock
 * back, so two processes now believe they hold it.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';

export { acquireLock, releaseLock } from '../src/lock.js';

export async function extendLock(redis: Redis, lock: Lock, ttlMs: number): Promise<boolean> {
  const renewed = await redis.set(lock.key, lock.token, 'PX', ttlMs, 'XX');
  return renewed === 'OK';
}
