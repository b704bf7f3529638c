/**
 * Mistake: when the second read finds the page, the lock's release is sent but not awaited
 * Replaces: load-once.ts
 * Caught by: 04.7
 *
 * Nothing was loaded on this way out, so the release looks like housekeeping that need not
 * hold up the reader. But getPage then resolves with the lock still in Redis: the next miss
 * of the page, in any process, finds it held and waits for a lock nobody is using, and if
 * the release fails, nobody hears of it.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock, releaseLock } from '../src/lock.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings, lockKey = lockKeyFor(key)): Promise<T> {
  const lock = await acquireLock(redis, lockKey, { ttlMs: settings.lockTtlMs, waitMs: settings.lockWaitMs });
  if (!lock) {
    const late = await readEntry<T>(redis, key);
    return late ? late.value : load();
  }
  const filled = await readEntry<T>(redis, key);
  if (filled) {
    void releaseLock(redis, lock).catch(() => {}); // nothing was loaded: no need to wait
    return filled.value;
  }
  return whileHolding(redis, lock, settings.lockTtlMs, async () => {
    const entry = await loadEntry(load, settings);
    await writeEntry(redis, key, entry, settings);
    return entry.value;
  });
}
