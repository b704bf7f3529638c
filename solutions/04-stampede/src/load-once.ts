import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from './entry-store.js';
import { whileHolding } from './hold-lock.js';
import { acquireLock } from './lock.js';

// #region load-once
/**
 * The miss path: one process at a time loads a key. The lock's holder loads and writes
 * the entry; the others wait for the lock and, once they get it, find the entry there.
 * `lockKey` is the lock that serialises those loads: one per key, so unrelated pages
 * never wait for each other.
 */
export async function loadOnce<T>(
  redis: Redis,
  key: string,
  load: () => Promise<T>,
  settings: CacheSettings,
  lockKey = lockKeyFor(key),
): Promise<T> {
  const lock = await acquireLock(redis, lockKey, {
    ttlMs: settings.lockTtlMs,
    waitMs: settings.lockWaitMs,
  });
  if (!lock) {
    // The holder is slow or gone. Wait no longer, and leave its lock alone (only its owner
    // or its TTL may end it): look once more, then answer from the database. Writing the
    // cache stays the holder's job, or the next miss's once the lock expires.
    const late = await readEntry<T>(redis, key);
    return late ? late.value : load();
  }
  return whileHolding(redis, lock, settings.lockTtlMs, async () => {
    // Read again before loading. Whoever held the lock while we waited has most likely
    // filled the cache; without this check the lock only queues identical queries.
    const filled = await readEntry<T>(redis, key);
    if (filled) return filled.value;
    const entry = await loadEntry(load, settings);
    await writeEntry(redis, key, entry, settings);
    return entry.value;
  });
}
// #endregion load-once
