/**
 * Mistake: a waiter that gives up loads from Postgres and caches the page with a plain SET
 * Replaces: load-once.ts
 * Caught by: 04.8, 04.18
 *
 * Having paid for the query, the waiter stores the page "so the next reader does not pay
 * again", and the write is a quick `redis.set(key, value)` in the rarely taken branch. The
 * main path sets its TTL, so every test of the main path stays green. This branch writes
 * a page with no expiry: no soft expiry will ever be noticed by Redis, the page is never
 * dropped, and a stale price can be served for ever. Every path that writes needs the TTL.
 */
import type { Redis } from 'ioredis';
import { encodeEntry, lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: settings.lockWaitMs });
  if (!lock) {
    const late = await readEntry<T>(redis, key);
    if (late) return late.value;
    const entry = await loadEntry(load, settings);
    await redis.set(key, encodeEntry(entry)); // we paid for the query: keep the result
    return entry.value;
  }
  return whileHolding(redis, lock, settings.lockTtlMs, async () => {
    const filled = await readEntry<T>(redis, key);
    if (filled) return filled.value;
    const entry = await loadEntry(load, settings);
    await writeEntry(redis, key, entry, settings);
    return entry.value;
  });
}
