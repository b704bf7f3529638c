/**
 * Mistake: in-flight loads live in one map in module scope, keyed by category
 * Replaces: page-cache.ts
 * Caught by: 04.6
 *
 * One map per process looks like exactly what single-flight needs, and the category is
 * what a request asks for. But two caches in one process (two shops, two tenants, a test
 * beside the app) then share their flights: the second is handed the first one's page,
 * from the first one's prefix, and its own key is never written, so it misses again on
 * every request.
 */
import { pageKey, selectCategoryPage, settingsFrom, type CategoryPage, type PageCache, type PageCacheOptions } from '../../../labs/04-stampede/src/contract.js';
import { createRefresher } from '../src/background-refresh.js';
import { shouldRefresh } from '../src/early-refresh.js';
import { readEntry } from '../src/entry-store.js';
import { loadOnce } from '../src/load-once.js';

const flights = new Map<string, Promise<CategoryPage>>(); // every cache of this process

export function createPageCache(options: PageCacheOptions): PageCache {
  const { redis, db, keyPrefix } = options;
  const settings = settingsFrom(options);
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
      let flight = flights.get(category);
      if (!flight) {
        flight = loadOnce(redis, key, load, settings).finally(() => flights.delete(category));
        flights.set(category, flight);
      }
      return flight;
    },
  };
}
