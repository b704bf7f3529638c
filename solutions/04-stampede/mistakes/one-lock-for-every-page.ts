/**
 * Mistake: one lock for the whole page cache, not one per page
 * Replaces: load-once.ts
 * Caught by: 04.15
 *
 * "Only one process rebuilds pages at a time" is easy to say and easy to test: one hot key,
 * 100 misses, one query. But a lock shared by every page serialises unrelated work: while
 * cups loads, kettles, grinders and every other missing page wait behind it, and once their
 * wait runs out they all go to Postgres anyway. A lock guards one key: lockKeyFor(pageKey).
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadOnce as loadOncePerKey } from '../src/load-once.js';

/** The solution's miss path, under one lock named after the page prefix instead of the page. */
export function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  const everyPage = lockKeyFor(key.slice(0, key.lastIndexOf('page:') + 'page:'.length) + '*');
  return loadOncePerKey(redis, key, load, settings, everyPage);
}
