/**
 * Mistake: the miss path takes its lock with the default constants, not the cache's options
 * Replaces: load-once.ts
 * Caught by: 04.8, 04.15
 *
 * LOCK_TTL_MS and LOCK_WAIT_MS are right there in the contract, and with default options
 * they are exactly what settings holds, so every check run with defaults passes. But the
 * options exist to be set: a page that takes 8 s to build gets a 5 s lock that expires
 * under its loader, and a latency-sensitive endpoint configured to wait 100 ms for another
 * loader waits a full second. Options the code accepts and ignores are worse than none.
 */
import type { Redis } from 'ioredis';
import { LOCK_TTL_MS, LOCK_WAIT_MS, lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: LOCK_TTL_MS, waitMs: LOCK_WAIT_MS });
  if (!lock) {
    const late = await readEntry<T>(redis, key);
    return late ? late.value : load();
  }
  return whileHolding(redis, lock, LOCK_TTL_MS, async () => {
    const filled = await readEntry<T>(redis, key);
    if (filled) return filled.value;
    const entry = await loadEntry(load, settings);
    await writeEntry(redis, key, entry, settings);
    return entry.value;
  });
}
