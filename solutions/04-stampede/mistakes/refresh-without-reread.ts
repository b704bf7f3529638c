/**
 * Mistake: the background refresh takes the lock and reloads without reading the entry again
 * Replaces: background-refresh.ts
 * Caught by: 04.16
 *
 * The reader has just seen the entry aging, so reading it again after the lock looks like
 * a wasted round trip, and the miss path's second read is the one everybody remembers.
 * But between that read and the lock another process may have refreshed the page and
 * released its lock: the refresh then runs the same query again, one more per process
 * that noticed the page turning stale, which is the load the lock was meant to remove.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  const running = new Set<string>();
  return (key, _seen, load) => {
    if (running.has(key)) return;
    running.add(key);
    void (async () => {
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      if (!lock) return;
      await whileHolding(redis, lock, settings.lockTtlMs, async () => writeEntry(redis, key, await loadEntry(load, settings), settings));
    })()
      .catch((error: unknown) => settings.onBackgroundError(error))
      .finally(() => running.delete(key));
  };
}
