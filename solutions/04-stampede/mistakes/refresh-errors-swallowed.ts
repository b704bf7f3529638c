/**
 * Mistake: the refresh's errors are caught and dropped
 * Replaces: background-refresh.ts
 * Caught by: 04.12
 *
 * `.catch(() => {})` does what the lesson asks first: no unhandled rejection, the stale
 * page stays, the reader never notices. But nobody else notices either. When Postgres
 * starts failing, every refresh fails in silence, pages age through their stale window and
 * drop out, and the first sign anyone sees is the stampede on the misses that follow. A
 * background failure is reported (onBackgroundError, which logs by default), not hidden.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  const running = new Set<string>();
  return (key, seen, load) => {
    if (running.has(key)) return;
    running.add(key);
    (async () => {
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      if (!lock) return;
      await whileHolding(redis, lock, settings.lockTtlMs, async () => {
        const current = await readEntry(redis, key);
        if (current && current.freshUntil > seen.freshUntil) return;
        await writeEntry(redis, key, await loadEntry(load, settings), settings);
      });
    })()
      .catch(() => {}) // the stale page is still there; nothing to do
      .finally(() => running.delete(key));
  };
}
