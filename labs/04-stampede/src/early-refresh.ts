// Lab 04: when should a read start refreshing a cached page?
import type { CacheEntry, CacheSettings } from './contract.js';

export function shouldRefresh(entry: CacheEntry<unknown>, settings: CacheSettings): boolean {
  // TODO(04): only once the page is stale, a moment every reader of a hot page reaches at
  //           the same time. XFetch lets a reader refresh a little early, at random, with a
  //           head start that grows with entry.loadMs (lesson 04, "Refreshing early").
  return settings.now() >= entry.freshUntil;
}
