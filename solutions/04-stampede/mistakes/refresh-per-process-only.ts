/**
 * Mistake: one refresh per key in each process, but nothing shared across processes
 * Replaces: background-refresh.ts
 * Caught by: 04.11
 *
 * A Set of keys being refreshed makes sure a process refreshes a stale page once, which
 * looks like "exactly one refresh" on a laptop. With twenty instances behind the load
 * balancer, the moment a hot page turns stale the database receives twenty identical
 * refresh queries: a smaller stampede, but one per instance, on every expiry. The lock in
 * Redis is what makes the refresh one across the fleet.
 */
import type { Redis } from 'ioredis';
import type { CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, writeEntry } from '../src/entry-store.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  const refreshing = new Set<string>();
  return (key, _seen, load) => {
    if (refreshing.has(key)) return;
    refreshing.add(key);
    loadEntry(load, settings)
      .then((entry) => writeEntry(redis, key, entry, settings))
      .catch((error: unknown) => settings.onBackgroundError(error))
      .finally(() => refreshing.delete(key));
  };
}
