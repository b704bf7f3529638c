/**
 * Mistake: the loader releases its lock once the database work is done, before it writes the page
 * Replaces: load-once.ts
 * Caught by: 04.10
 *
 * "Release the lock as soon as the expensive part is over" reads like good manners. But
 * the lock stands for "someone is filling this key", and the key is not filled yet: a
 * waiter whose next try lands in that gap takes the lock, reads again, finds nothing, and
 * loads the page a second time, the stampede the lock was for, one loader at a time.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheEntry, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings, lockKey = lockKeyFor(key)): Promise<T> {
  const lock = await acquireLock(redis, lockKey, { ttlMs: settings.lockTtlMs, waitMs: settings.lockWaitMs });
  if (!lock) {
    const late = await readEntry<T>(redis, key);
    return late ? late.value : load();
  }
  // The lock covers the database work only; the page is written once it is released.
  const loaded = await whileHolding(redis, lock, settings.lockTtlMs, async (): Promise<{ filled: T } | { entry: CacheEntry<T> }> => {
    const filled = await readEntry<T>(redis, key);
    return filled ? { filled: filled.value } : { entry: await loadEntry(load, settings) };
  });
  if ('filled' in loaded) return loaded.filled;
  await writeEntry(redis, key, loaded.entry, settings);
  return loaded.entry.value;
}
