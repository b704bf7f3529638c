/**
 * Mistake: the background refresh catches the load's errors only
 * Replaces: background-refresh.ts
 * Caught by: 04.12
 *
 * The load is the step expected to fail (a slow or broken database), so that is where the
 * catch goes, and a failing Postgres is reported as it should be. But the lock, the second
 * read, the write and the release are Redis calls with no caller either: when Redis fails
 * them, the rejection has nowhere to go, and an unhandled rejection ends the process under
 * Node's default settings.
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
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      if (!lock) return;
      await whileHolding(redis, lock, settings.lockTtlMs, async () => {
        const current = await readEntry(redis, key);
        if (current && current.freshUntil > seen.freshUntil) return;
        const entry = await loadEntry(load, settings).catch((error: unknown) => {
          settings.onBackgroundError(error); // the database is what fails
          return undefined;
        });
        if (entry) await writeEntry(redis, key, entry, settings);
      });
    })().finally(() => running.delete(key));
  };
}
