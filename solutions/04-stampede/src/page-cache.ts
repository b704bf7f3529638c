import {
  pageKey,
  selectCategoryPage,
  settingsFrom,
  type CacheSettings,
  type CategoryPage,
  type PageCache,
  type PageCacheOptions,
} from '../../../labs/04-stampede/src/contract.js';
import { createRefresher } from './background-refresh.js';
import { shouldRefresh } from './early-refresh.js';
import { readEntry } from './entry-store.js';
import { loadOnce } from './load-once.js';
import { SingleFlight } from './single-flight.js';

export function createPageCache(options: PageCacheOptions): PageCache {
  return pageCache(options, settingsFrom(options), new SingleFlight<CategoryPage>());
}

/** The read path on settings already filled in, with this cache's own flights. */
export function pageCache(
  { redis, db, keyPrefix }: PageCacheOptions,
  settings: CacheSettings,
  misses: Pick<SingleFlight<CategoryPage>, 'run'>,
): PageCache {
  const refresh = createRefresher(redis, settings);

  return {
    // #region get-page
    async getPage(category) {
      const key = pageKey(keyPrefix, category);
      const load = () => selectCategoryPage(db, category);
      const entry = await readEntry<CategoryPage>(redis, key);
      if (entry) {
        // Fresh, nearly stale or stale: the reader gets what Redis holds, now. Past the
        // soft expiry (and, by chance, shortly before it) one refresh starts behind it.
        if (shouldRefresh(entry, settings)) refresh(key, entry, load);
        return entry.value;
      }
      // A real miss: one flight per key in this process, one loader across processes.
      return misses.run(key, () => loadOnce(redis, key, load, settings));
    },
    // #endregion get-page
  };
}
