/**
 * Mistake: a waiter that runs out of patience deletes the lock and takes over
 * Replaces: load-once.ts
 * Caught by: 04.8
 *
 * "If the holder has not finished after lockWaitMs it must have crashed, so clear its lock"
 * sounds like self-healing. But a slow holder is usually alive, and the lock's TTL already
 * handles the dead one. Deleting another process's lock lets every impatient waiter start
 * its own load, which is the stampede the lock was there to stop, and the original holder
 * later releases (or extends) a lock that is no longer its own.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { acquireLock, releaseLock } from '../src/lock.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  const lockKey = lockKeyFor(key);
  const ttlMs = settings.lockTtlMs;
  let lock = await acquireLock(redis, lockKey, { ttlMs, waitMs: settings.lockWaitMs });
  if (!lock) {
    await redis.del(lockKey); // the holder is stuck: free the key for everyone
    lock = await acquireLock(redis, lockKey, { ttlMs, waitMs: 0 });
  }
  if (!lock) return load();
  try {
    const meanwhile = await readEntry<T>(redis, key);
    if (meanwhile) return meanwhile.value;
    const loaded = await loadEntry(load, settings);
    await writeEntry(redis, key, loaded, settings);
    return loaded.value;
  } finally {
    await releaseLock(redis, lock);
  }
}
