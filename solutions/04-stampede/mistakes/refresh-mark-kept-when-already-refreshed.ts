/**
 * Mistake: the mark of a page being refreshed is cleared where the refresh writes or fails, not where it finds the work done
 * Replaces: background-refresh.ts
 * Caught by: 04.16
 *
 * Clearing the mark "when the refresh is done" reads naturally as: after the write, or
 * after the error. But a refresh that takes the lock and finds another process already
 * refreshed the page is done too, by a third way out, and there the mark stays: this
 * process never refreshes that page again, and serves it stale until its hard TTL.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheEntry, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
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
    const done = () => running.delete(key);
    void (async () => {
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      if (!lock) return done();
      await whileHolding(redis, lock, settings.lockTtlMs, async () => {
        const current = await readEntry(redis, key);
        if (current && current.freshUntil > seen.freshUntil) return; // refreshed already: nothing to do
        await writeEntry(redis, key, await loadEntry(load, settings), settings);
        done();
      });
    })().catch((error: unknown) => {
      done();
      settings.onBackgroundError(error);
    });
  };
}
