import type { Redis } from 'ioredis';
import {
  lockKeyFor,
  type CacheEntry,
  type CacheSettings,
} from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from './entry-store.js';
import { whileHolding } from './hold-lock.js';
import { acquireLock } from './lock.js';

export type Refresh = <T>(key: string, seen: CacheEntry<T>, load: () => Promise<T>) => void;

// #region background-refresh
/**
 * Returns `refresh(key, seen, load)`, which starts reloading an entry and returns at once:
 * the reader that noticed the entry aging is served the value it already has. One refresh
 * per key in this process (the set), one across processes (the lock, never waited for: if
 * it is taken, someone is already on it). A failure is reported, never thrown: the stale
 * entry stays in Redis until its hard TTL, and the next reader tries again.
 */
export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  const running = new Set<string>();
  const report = (error: unknown) => {
    try {
      settings.onBackgroundError(error);
    } catch {
      // A broken error handler must not become an unhandled rejection either.
    }
  };
  return (key, seen, load) => {
    if (running.has(key)) return;
    running.add(key);
    void refreshOnce(redis, key, seen, load, settings)
      .catch(report)
      .finally(() => running.delete(key));
  };
}

async function refreshOnce<T>(
  redis: Redis,
  key: string,
  seen: CacheEntry<T>,
  load: () => Promise<T>,
  settings: CacheSettings,
) {
  const lock = await acquireLock(redis, lockKeyFor(key), {
    ttlMs: settings.lockTtlMs,
    waitMs: 0,
  });
  if (!lock) return;
  await whileHolding(redis, lock, settings.lockTtlMs, async () => {
    // Another process may have refreshed between our read and our lock: then we are done.
    const current = await readEntry<T>(redis, key);
    if (current && current.freshUntil > seen.freshUntil) return;
    await writeEntry(redis, key, await loadEntry(load, settings), settings);
  });
}
// #endregion background-refresh
