/**
 * Mistake: the lock's two defaults swapped: a 1 s lock TTL and a 5 s wait
 * Replaces: page-cache.ts
 * Caught by: 04.10
 *
 * Both numbers are in the README, one line apart, and either order "looks like" a lock.
 * But a lock that expires after a second lets a second loader in while the first is still
 * loading a slow page, and a waiter that waits five seconds holds its request for as long
 * as a slow loader takes: the opposite of what each default is for.
 */
import { pageKey, selectCategoryPage, settingsFrom, type CategoryPage, type PageCache, type PageCacheOptions } from '../../../labs/04-stampede/src/contract.js';
import { createRefresher } from '../src/background-refresh.js';
import { shouldRefresh } from '../src/early-refresh.js';
import { readEntry } from '../src/entry-store.js';
import { loadOnce } from '../src/load-once.js';
import { SingleFlight } from '../src/single-flight.js';

export function createPageCache(options: PageCacheOptions): PageCache {
  const { redis, db, keyPrefix } = options;
  const settings = { ...settingsFrom(options), lockTtlMs: options.lockTtlMs ?? 1_000, lockWaitMs: options.lockWaitMs ?? 5_000 };
  const misses = new SingleFlight<CategoryPage>();
  const refresh = createRefresher(redis, settings);
  return {
    async getPage(category) {
      const key = pageKey(keyPrefix, category);
      const load = () => selectCategoryPage(db, category);
      const entry = await readEntry<CategoryPage>(redis, key);
      if (entry) {
        if (shouldRefresh(entry, settings)) refresh(key, entry, load);
        return entry.value;
      }
      return misses.run(key, () => loadOnce(redis, key, load, settings));
    },
  };
}
