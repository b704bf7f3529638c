/**
 * Mistake: the lock's winner loads without looking at the cache again
 * Replaces: load-once.ts
 * Caught by: 04.5, 04.7
 *
 * The caller has just seen a miss, so reading again looks like a wasted round trip. But a
 * waiter only wins the lock after the previous holder released it, which is exactly when
 * the previous holder has filled the cache. Without a second read each waiter, in turn,
 * runs the same query again: the lock turns the stampede into a queue, not into one load.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, writeEntry } from '../src/entry-store.js';
import { acquireLock, releaseLock } from '../src/lock.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: settings.lockWaitMs });
  if (lock === null) return load();
  try {
    const loaded = await loadEntry(load, settings);
    await writeEntry(redis, key, loaded, settings);
    return loaded.value;
  } finally {
    await releaseLock(redis, lock);
  }
}
