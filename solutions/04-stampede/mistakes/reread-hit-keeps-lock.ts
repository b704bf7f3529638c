/**
 * Mistake: a loader that finds the page on its second read returns without releasing the lock
 * Replaces: load-once.ts
 * Caught by: 04.7
 *
 * The winner of the lock reads the cache again before loading, as it should, and finds the
 * page another process has just written. It returns the page; the release is in the
 * try/finally around the load, which this path never reaches. Every reader gets the right
 * page, and Postgres sees one query. But the lock stays until its TTL, so the next miss on
 * that page (after an eviction, say) waits lockWaitMs for a lock nobody holds, then goes to
 * Postgres. This is the path every waiter takes in a stampede. Hold the lock in one
 * try/finally that covers every way out.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: settings.lockWaitMs });
  const found = await readEntry<T>(redis, key); // after the lock, or after giving up on it
  if (found) return found.value;
  if (!lock) return load();
  return whileHolding(redis, lock, settings.lockTtlMs, async () => {
    const entry = await loadEntry(load, settings);
    await writeEntry(redis, key, entry, settings);
    return entry.value;
  });
}
