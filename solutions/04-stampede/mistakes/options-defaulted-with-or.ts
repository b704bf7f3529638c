/**
 * Mistake: the defaults are filled in with ||, so an option given as 0 gets the default
 * Replaces: page-cache.ts
 * Caught by: 04.18
 *
 * `options.staleMs || PAGE_STALE_MS` reads like "the option, or the default", and for every
 * value but 0 it is. But 0 is a value someone chose: no stale window, one try at the lock
 * and no waiting. Here they silently become 30 s of stale pages and a one-second wait on
 * every miss behind a stuck lock.
 */
import {
  LOCK_WAIT_MS,
  PAGE_STALE_MS,
  XFETCH_BETA,
  pageKey,
  selectCategoryPage,
  settingsFrom,
  type CategoryPage,
  type PageCache,
  type PageCacheOptions,
} from '../../../labs/04-stampede/src/contract.js';
import { createRefresher } from '../src/background-refresh.js';
import { shouldRefresh } from '../src/early-refresh.js';
import { readEntry } from '../src/entry-store.js';
import { loadOnce } from '../src/load-once.js';
import { SingleFlight } from '../src/single-flight.js';

export function createPageCache(options: PageCacheOptions): PageCache {
  const { redis, db, keyPrefix } = options;
  const settings = {
    ...settingsFrom(options),
    staleMs: options.staleMs || PAGE_STALE_MS,
    lockWaitMs: options.lockWaitMs || LOCK_WAIT_MS,
    beta: options.beta || XFETCH_BETA,
  };
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
