/**
 * Mistake: extendLock grants a little over half of the ttlMs it is given
 * Replaces: lock.ts
 * Caught by: 04.4
 *
 * The owner check is right (compare and extend in one script), and a keep-alive that
 * extends every third of the TTL still holds on to the lock, so every long load keeps
 * it. But extendLock(lock, ttlMs) promises the lock for ttlMs more: a caller that extends
 * once before a long step, as the README allows, loses the lock halfway through it.
 */
import type { Redis } from 'ioredis';
import type { Lock } from '../../../labs/04-stampede/src/contract.js';
import { extendLock as extendFully } from '../src/lock.js';

export { acquireLock, releaseLock } from '../src/lock.js';

export function extendLock(redis: Redis, lock: Lock, ttlMs: number): Promise<boolean> {
  return extendFully(redis, lock, Math.ceil(ttlMs * 0.55));
}
