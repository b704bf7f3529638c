/**
 * Mistake: the in-process "refreshing" mark is cleared when a refresh fails, not when it succeeds
 * Replaces: background-refresh.ts
 * Caught by: 04.11
 *
 * The failure path was the one that needed thought (let the next reader retry), so the
 * cleanup went into the catch. The first refresh of a page works, and every check of one
 * expiry passes. But the key stays marked as "being refreshed" for good: the next time the
 * page turns stale this process never refreshes it again, and with every process in the
 * same state the page ages out of Redis and its readers all miss together.
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
    })().catch((error: unknown) => {
      running.delete(key); // let the next reader try again
      settings.onBackgroundError(error);
    });
  };
}
