/**
 * Mistake: a module-level Set of keys being refreshed stands in for the refresh lock
 * Replaces: background-refresh.ts
 * Caught by: 04.11
 *
 * Declared at the top of the module, the Set is shared by every cache in the process, so
 * "process A" and "process B" built side by side in one test refresh a stale page once
 * between them, and there is no lock to release. In production each instance loads the
 * module for itself: twenty instances, twenty refreshes of the same page on every expiry.
 */
import type { Redis } from 'ioredis';
import type { CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';

const refreshing = new Set<string>();

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  return (key, seen, load) => {
    if (refreshing.has(key)) return;
    refreshing.add(key);
    (async () => {
      const current = await readEntry(redis, key);
      if (current && current.freshUntil > seen.freshUntil) return;
      await writeEntry(redis, key, await loadEntry(load, settings), settings);
    })()
      .catch((error: unknown) => settings.onBackgroundError(error))
      .finally(() => refreshing.delete(key));
  };
}
