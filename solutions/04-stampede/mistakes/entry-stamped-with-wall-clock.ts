/**
 * Mistake: the entry's freshUntil and loadMs are read from Date.now(), not from the `now` option
 * Replaces: entry-store.ts
 * Caught by: 04.13, 04.18
 *
 * In production `now` is Date.now anyway, so using it directly looks harmless and saves a
 * parameter. But the entry is then stamped on one clock and judged on another: freshness
 * is decided with settings.now() and stored with Date.now(). With an injected clock (a
 * test, a simulation, a clock shifted to replay traffic) the two disagree, and a load the
 * injected clock saw take 200 ms is recorded as taking none, so XFetch gets no head start.
 */
import type { CacheEntry, CacheSettings } from '../../../labs/04-stampede/src/contract.js';

export { readEntry, writeEntry } from '../src/entry-store.js';

export async function loadEntry<T>(load: () => Promise<T>, { freshMs }: CacheSettings): Promise<CacheEntry<T>> {
  const startedAt = Date.now();
  const value = await load();
  const loadedAt = Date.now();
  return { value, freshUntil: loadedAt + freshMs, loadMs: loadedAt - startedAt };
}

