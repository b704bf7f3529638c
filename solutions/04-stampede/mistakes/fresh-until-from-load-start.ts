/**
 * Mistake: freshUntil counts freshMs from when the load started
 * Replaces: entry-store.ts
 * Caught by: 04.13
 *
 * The data is as old as the moment it was read, so starting the fresh time before the
 * query looks more honest. But the README stamps an entry when the load has finished:
 * every slow load then comes back already part-way to stale, and a load slower than
 * freshMs writes an entry that is stale the moment it lands, so the next reader starts
 * another refresh behind it.
 */
import type { CacheEntry, CacheSettings } from '../../../labs/04-stampede/src/contract.js';

export { readEntry, writeEntry } from '../src/entry-store.js';

export async function loadEntry<T>(load: () => Promise<T>, { now, freshMs }: CacheSettings): Promise<CacheEntry<T>> {
  const startedAt = now();
  const value = await load();
  return { value, freshUntil: startedAt + freshMs, loadMs: now() - startedAt };
}
