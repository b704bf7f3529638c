/**
 * Mistake: XFetch with a fixed head start instead of the entry's own load time
 * Replaces: early-refresh.ts
 * Caught by: 04.17
 *
 * "About a second early" sounds like a fine default, and storing and reading loadMs looks
 * like bookkeeping for a number that is always about the same. It is not: a page that takes
 * 20 ms to load refreshes far too early and too often, one that takes 3 s refreshes too late
 * and its readers see it stale. XFetch's head start is proportional to how long the value
 * takes to rebuild, which is why the entry carries loadMs.
 */
import type { CacheEntry, CacheSettings } from '../../../labs/04-stampede/src/contract.js';

const TYPICAL_LOAD_MS = 100;

export function shouldRefresh(entry: CacheEntry<unknown>, { now, random, beta }: CacheSettings): boolean {
  return now() - TYPICAL_LOAD_MS * beta * Math.log(random()) >= entry.freshUntil;
}
