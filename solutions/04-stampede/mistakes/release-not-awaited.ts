/**
 * Mistake: releaseLock sends the release and resolves without waiting for Redis
 * Replaces: lock.ts
 * Caught by: 04.20
 *
 * The release is already on the wire, and Redis runs a connection's commands in order, so
 * whatever this process sends next finds the lock gone; not waiting saves a round trip
 * per miss. But getPage then resolves while the lock is still held: another process that
 * reads, misses and tries for the lock in that moment waits behind a holder that has
 * finished, and a release that fails is never known.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { releaseLock as releaseAndWait } from '../src/lock.js';

export { acquireLock, extendLock } from '../src/lock.js';

export async function releaseLock(redis: Redis, lock: Lock): Promise<boolean> {
  void releaseAndWait(redis, lock).catch(() => {});
  return true;
}
