/**
 * Mistake: the lock is taken with SETNX and given its TTL by a PEXPIRE after it
 * Replaces: lock.ts
 * Caught by: 04.1
 *
 * SETNX is the command the lock is named after in older write-ups, and a PEXPIRE right
 * after it sets the same TTL, so Redis ends up holding exactly what `SET NX PX` would
 * have written. For the length of one round trip it does not: a process that crashes,
 * or loses its connection, between the two commands leaves a lock with no expiry, and
 * the key is locked for ever. `SET key token NX PX ttl` does both in one command.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import type { Lock, LockOptions } from '../../../labs/04-stampede/src/contract.js';

export { extendLock, releaseLock } from '../src/lock.js';

export async function acquireLock(redis: Redis, key: string, { ttlMs, waitMs }: LockOptions): Promise<Lock | null> {
  const token = randomUUID();
  const giveUpAt = performance.now() + waitMs;
  for (;;) {
    if ((await redis.setnx(key, token)) === 1) {
      await redis.pexpire(key, ttlMs);
      return { key, token };
    }
    if (performance.now() >= giveUpAt) return null;
    await sleep(10);
  }
}
