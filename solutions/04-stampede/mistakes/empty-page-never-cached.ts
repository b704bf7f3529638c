/**
 * Mistake: an empty page is not cached, "in case products are added soon"
 * Replaces: load-once.ts
 * Caught by: 04.15
 *
 * Skipping the write for an empty result looks careful: nobody wants to serve "no
 * products" for a minute after the first one is added. But an empty category is a real
 * answer, and not caching it means every read of it is a miss, each one a lock round and
 * a query: a category page linked from the menu with nothing in it stampedes the database
 * for ever. Cache it like any other page; its TTL (and invalidation) handles the rest.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

const isEmpty = (value: unknown) => Array.isArray((value as { products?: unknown })?.products) && (value as { products: unknown[] }).products.length === 0;

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: settings.lockWaitMs });
  if (!lock) {
    const late = await readEntry<T>(redis, key);
    return late ? late.value : load();
  }
  return whileHolding(redis, lock, settings.lockTtlMs, async () => {
    const filled = await readEntry<T>(redis, key);
    if (filled) return filled.value;
    const entry = await loadEntry(load, settings);
    if (!isEmpty(entry.value)) await writeEntry(redis, key, entry, settings);
    return entry.value;
  });
}
