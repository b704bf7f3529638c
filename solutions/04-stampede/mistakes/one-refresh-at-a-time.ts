/**
 * Mistake: one background refresh at a time per process, "to protect the database"
 * Replaces: background-refresh.ts
 * Caught by: 04.11
 *
 * Throttling background work sounds responsible, and with one hot page it is invisible:
 * there is only ever one refresh to run. With two pages stale at once, the second is
 * skipped (its reader saw "a refresh is already running"), so it stays stale, and once its
 * stale window ends every reader of it misses together. The guard belongs to a key: one
 * refresh per page, not one per process.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  let busy = false;
  return (key, seen, load) => {
    if (busy) return;
    busy = true;
    (async () => {
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      if (!lock) return;
      await whileHolding(redis, lock, settings.lockTtlMs, async () => {
        const current = await readEntry(redis, key);
        if (current && current.freshUntil > seen.freshUntil) return;
        await writeEntry(redis, key, await loadEntry(load, settings), settings);
      });
    })()
      .catch((error: unknown) => settings.onBackgroundError(error))
      .finally(() => {
        busy = false;
      });
  };
}
