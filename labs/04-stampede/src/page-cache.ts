// Lab 04: a category page behind a cache that must survive its hottest key expiring.
// The interface lives in contract.ts; `npm test labs/04-stampede` says what still fails.
import { decodeEntry, pageKey, selectCategoryPage, settingsFrom } from './contract.js';
import type { CategoryPage, PageCache, PageCacheOptions } from './contract.js';
import { shouldRefresh } from './early-refresh.js';
import { loadOnce } from './load-once.js';

export function createPageCache(options: PageCacheOptions): PageCache {
  const { redis, db, keyPrefix } = options;
  const settings = settingsFrom(options);

  return {
    async getPage(category) {
      const key = pageKey(keyPrefix, category);
      const load = () => selectCategoryPage(db, category);
      const cached = await redis.get(key);
      const entry = cached === null ? null : decodeEntry<CategoryPage>(cached);
      if (entry && !shouldRefresh(entry, settings)) return entry.value;
      // TODO(04): a stale page is handled like a miss: its reader waits for Postgres, and so
      //           does every other reader of it. Return entry.value at once and start one
      //           refresh in the background (one per process, one across processes), its
      //           errors caught and passed to settings.onBackgroundError.
      // TODO(04): concurrent misses in this process each make their own trip to Redis and
      //           Postgres. Let them share one promise per key.
      return loadOnce(redis, key, load, settings);
    },
  };
}
