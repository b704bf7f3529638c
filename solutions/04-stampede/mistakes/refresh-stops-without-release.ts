/**
 * Mistake: a refresh that finds the page already refreshed stops without releasing its lock
 * Replaces: background-refresh.ts
 * Caught by: 04.16
 *
 * The refresh reads the entry again after taking the lock, as it should, and sees that
 * another process got there first. It returns, and its lock stays behind: the release sits
 * in the path that loads, written around the load instead of around everything done while
 * holding the lock. Nothing looks wrong at once; the lock lives out its TTL. But until it
 * does, nobody can refresh that page, in this process or any other. The lock belongs in a
 * try/finally that covers every way out, the early ones too.
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
    void (async () => {
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      const current = lock && (await readEntry(redis, key));
      if (!lock || (current && current.freshUntil > seen.freshUntil)) return; // someone else refreshed it
      await whileHolding(redis, lock, settings.lockTtlMs, async () => writeEntry(redis, key, await loadEntry(load, settings), settings));
    })()
      .catch((error: unknown) => settings.onBackgroundError(error))
      .finally(() => running.delete(key));
  };
}
