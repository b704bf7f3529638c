/**
 * Mistake: when a refresh fails, the stale page is deleted "so nobody reads old data"
 * Replaces: background-refresh.ts
 * Caught by: 04.12
 *
 * After a failure, serving data known to be stale can feel wrong, so the refresher clears
 * it and lets the next reader load for itself. But the database has just failed: the
 * delete turns one failed background query into a miss for every reader, each now
 * waiting for the lock or for the failing database. That is the stampede
 * stale-while-revalidate exists to prevent, at the worst moment. A stale page is a better
 * answer than an error, and the hard TTL already bounds how stale it can get.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { whileHolding } from '../src/hold-lock.js';
import { loadEntry, writeEntry } from '../src/entry-store.js';
import { acquireLock } from '../src/lock.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  const active = new Map<string, Promise<void>>();
  return (key, _seen, load) => {
    if (active.has(key)) return;
    const job = (async () => {
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      if (!lock) return;
      await whileHolding(redis, lock, settings.lockTtlMs, async () => writeEntry(redis, key, await loadEntry(load, settings), settings));
    })()
      .catch(async (error: unknown) => {
        settings.onBackgroundError(error);
        await redis.del(key); // don't keep serving a page we could not refresh
      })
      .catch(() => {})
      .finally(() => active.delete(key));
    active.set(key, job);
  };
}
