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
import { settingsFrom, type CategoryPage, type PageCache, type PageCacheOptions } from '../../../labs/04-stampede/src/contract.js';
import { pageCache } from '../src/page-cache.js';
import { SingleFlight } from '../src/single-flight.js';

export function createPageCache(options: PageCacheOptions): PageCache {
  const settings = { ...settingsFrom(options), lockTtlMs: options.lockTtlMs ?? 1_000, lockWaitMs: options.lockWaitMs ?? 5_000 };
  return pageCache(options, settings, new SingleFlight<CategoryPage>());
}
