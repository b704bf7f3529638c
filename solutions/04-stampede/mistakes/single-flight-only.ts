/**
 * Mistake: concurrent misses are coalesced in memory only, with no lock in Redis
 * Replaces: load-once.ts
 * Caught by: 04.5, 04.7
 *
 * The page cache already shares one promise per key, so 100 misses in one process cost
 * one query, and a load test against a single instance shows exactly that. In production
 * there are many processes and a Map is visible to one of them: each process sends its
 * own query, so every expiry of a hot key costs one load per instance, and a value another
 * process has just written is never looked for.
 */
import type { Redis } from 'ioredis';
import type { CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, writeEntry } from '../src/entry-store.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  // Only one call per key can be here at a time: SingleFlight in page-cache.ts sees to that.
  const { value, ...stamp } = await loadEntry(load, settings);
  await writeEntry(redis, key, { value, ...stamp }, settings);
  return value;
}
