/**
 * Mistake: every stale read starts its own refresh attempt, because "the lock already makes it one"
 * Replaces: background-refresh.ts
 * Caught by: 04.11
 *
 * The Redis lock does keep the refresh to one query, so the in-memory set of keys being
 * refreshed looks redundant and is left out. But every read of a hot stale page now sends
 * its own lock attempt: a page read a thousand times a second sends a thousand SET NX a
 * second to Redis, all answered "taken", for as long as the refresh runs. The stampede has
 * moved from Postgres to Redis. One attempt per process, then the lock across processes.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  return (key, seen, load) => {
    (async () => {
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      if (!lock) return;
      await whileHolding(redis, lock, settings.lockTtlMs, async () => {
        const current = await readEntry(redis, key);
        if (current && current.freshUntil > seen.freshUntil) return;
        await writeEntry(redis, key, await loadEntry(load, settings), settings);
      });
    })().catch((error: unknown) => settings.onBackgroundError(error));
  };
}
