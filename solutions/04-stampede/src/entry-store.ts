import type { Redis } from 'ioredis';
import {
  decodeEntry,
  encodeEntry,
  type CacheEntry,
  type CacheSettings,
} from '../../../labs/04-stampede/src/contract.js';

/** The entry under `key`, or null when Redis has none (or holds something unreadable, which the next write replaces). */
export async function readEntry<T>(redis: Redis, key: string): Promise<CacheEntry<T> | null> {
  const text = await redis.get(key);
  if (text === null) return null;
  try {
    return decodeEntry<T>(text);
  } catch {
    return null;
  }
}

// #region load-entry
/**
 * Runs the loader and stamps its result: fresh until `freshMs` from now, and how long
 * the load took.
 */
export async function loadEntry<T>(
  load: () => Promise<T>,
  { now, freshMs }: CacheSettings,
): Promise<CacheEntry<T>> {
  const startedAt = now();
  const value = await load();
  const loadedAt = now();
  return { value, freshUntil: loadedAt + freshMs, loadMs: loadedAt - startedAt };
}

/**
 * One SET with PX. The hard TTL covers the fresh time and the stale window after it: past
 * `freshUntil` the entry can still be served while one refresh runs, and only when nobody
 * has refreshed it for the whole window does Redis drop it.
 */
export async function writeEntry<T>(
  redis: Redis,
  key: string,
  entry: CacheEntry<T>,
  settings: CacheSettings,
): Promise<void> {
  await redis.set(key, encodeEntry(entry), 'PX', settings.freshMs + settings.staleMs);
}
// #endregion load-entry
