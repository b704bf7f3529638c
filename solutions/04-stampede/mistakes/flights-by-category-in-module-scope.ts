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
import { settingsFrom, type CategoryPage, type PageCache, type PageCacheOptions } from '../../../labs/04-stampede/src/contract.js';
import { pageCache } from '../src/page-cache.js';

/** Every cache of this process shares it, and it knows a flight by its category alone. */
const flights = new Map<string, Promise<CategoryPage>>();
const byCategory = {
  run(key: string, work: () => Promise<CategoryPage>): Promise<CategoryPage> {
    const category = key.slice(key.lastIndexOf('page:') + 'page:'.length);
    let flight = flights.get(category);
    if (!flight) {
      flight = work().finally(() => flights.delete(category));
      flights.set(category, flight);
    }
    return flight;
  },
};

export function createPageCache(options: PageCacheOptions): PageCache {
  return pageCache(options, settingsFrom(options), byCategory);
}
