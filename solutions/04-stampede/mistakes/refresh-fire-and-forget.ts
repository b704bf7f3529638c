/**
 * Mistake: the refresh is started with `void` and nothing handles its failure
 * Replaces: background-refresh.ts
 * Caught by: 04.12
 *
 * `void refresh()` keeps the floating-promise lint quiet and the reader is answered at
 * once, so it looks done. But `void` discards the promise, not its rejection. When the
 * database fails during a refresh nothing handles the error: Node reports an unhandled
 * rejection, and its default since Node 15 is to crash the process. A database blip
 * while a hot page is stale then takes down every instance that was refreshing it.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, writeEntry } from '../src/entry-store.js';
import { acquireLock, releaseLock } from '../src/lock.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  const inProgress = new Set<string>();
  return (key, _seen, load) => {
    if (inProgress.has(key)) return;
    inProgress.add(key);
    void (async () => {
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      try {
        if (lock) await writeEntry(redis, key, await loadEntry(load, settings), settings);
      } finally {
        inProgress.delete(key);
        if (lock) await releaseLock(redis, lock);
      }
    })();
  };
}
