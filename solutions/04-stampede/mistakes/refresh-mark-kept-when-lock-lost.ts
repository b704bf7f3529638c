/**
 * Mistake: the refresh returns early when another process holds the lock, before the try/finally that clears its mark
 * Replaces: background-refresh.ts
 * Caught by: 04.11
 *
 * `if (!lock) return;` reads as the obvious guard, and the `finally` below it does clear
 * the mark on success and on failure. But the early return skips it: a process that once
 * lost the race for a page's refresh keeps that page marked as "being refreshed" for ever.
 * As long as the winning process keeps reading, nobody notices; the day only the loser
 * sees the page go stale (the other instance is gone, or its traffic moved), the page is
 * never refreshed again and ages out of Redis into a stampede.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  const running = new Set<string>();
  const refresh = async <T>(key: string, seenFreshUntil: number, load: () => Promise<T>) => {
    const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
    if (!lock) return; // someone else is refreshing it
    try {
      await whileHolding(redis, lock, settings.lockTtlMs, async () => {
        const current = await readEntry(redis, key);
        if (current && current.freshUntil > seenFreshUntil) return;
        await writeEntry(redis, key, await loadEntry(load, settings), settings);
      });
    } finally {
      running.delete(key);
    }
  };
  return (key, seen, load) => {
    if (running.has(key)) return;
    running.add(key);
    refresh(key, seen.freshUntil, load).catch((error: unknown) => settings.onBackgroundError(error));
  };
}
