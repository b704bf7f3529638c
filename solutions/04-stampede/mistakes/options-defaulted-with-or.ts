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
  settingsFrom,
  type CategoryPage,
  type PageCache,
  type PageCacheOptions,
} from '../../../labs/04-stampede/src/contract.js';
import { pageCache } from '../src/page-cache.js';
import { SingleFlight } from '../src/single-flight.js';

export function createPageCache(options: PageCacheOptions): PageCache {
  const settings = {
    ...settingsFrom(options),
    staleMs: options.staleMs || PAGE_STALE_MS,
    lockWaitMs: options.lockWaitMs || LOCK_WAIT_MS,
    beta: options.beta || XFETCH_BETA,
  };
  return pageCache(options, settings, new SingleFlight<CategoryPage>());
}
