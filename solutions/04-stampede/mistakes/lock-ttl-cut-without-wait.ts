/**
 * Mistake: a lock taken without waiting gets a little over half its ttlMs
 * Replaces: lock.ts
 * Caught by: 04.1
 *
 * A try with waitMs 0 is the background refresh's: it either wins at once or leaves the
 * work to whoever holds the lock, so a shorter lease looks like a harmless safety margin.
 * But ttlMs is the caller's estimate of how long the work may take: a refresh that takes
 * more than half of it loses its lock mid-load, and a second refresh starts beside it.
 */
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';
import { acquireLock as acquireForTtl } from '../src/lock.js';

export { extendLock, releaseLock } from '../src/lock.js';

export function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  return acquireForTtl(redis, key, { ttlMs: waitMs === 0 ? Math.ceil(ttlMs * 0.55) : ttlMs, waitMs });
}
