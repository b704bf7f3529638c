/**
 * Mistake: the refresh reads the entry again before it takes the lock, not after
 * Replaces: background-refresh.ts
 * Caught by: 04.16
 *
 * "Check it is still stale, then lock" is the natural order, and it does skip a refresh
 * that another process finished a while ago. But between that read and the lock, the other
 * process can finish and release: this one then wins a free lock with a read that is
 * already out of date, and loads the page again for nothing. Read after the lock is yours.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export type { Refresh } from '../src/background-refresh.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  const running = new Set<string>();
  return (key, seen, load) => {
    if (running.has(key)) return;
    running.add(key);
    void (async () => {
      const current = await readEntry(redis, key); // still stale?
      if (current && current.freshUntil > seen.freshUntil) return;
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      if (!lock) return;
      await whileHolding(redis, lock, settings.lockTtlMs, async () => {
        await writeEntry(redis, key, await loadEntry(load, settings), settings);
      });
    })()
      .catch((error: unknown) => settings.onBackgroundError(error))
      .finally(() => running.delete(key));
  };
}
