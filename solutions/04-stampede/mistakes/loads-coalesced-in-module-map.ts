/**
 * Mistake: the miss path coalesces loads in a module-level Map instead of a lock in Redis
 * Replaces: load-once.ts
 * Caught by: 04.5
 *
 * A Map at the top of the module is shared by every cache the process creates, so two
 * caches built in one test, standing for "two processes", really do load once between
 * them, and the code has no lock to get wrong. But two real processes each load their own
 * copy of the module: each has its own Map, and each sends its own query. Only Redis is
 * shared between processes, so only a lock in Redis can make the load happen once.
 */
import type { Redis } from 'ioredis';
import type { CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';

const loading = new Map<string, Promise<unknown>>();

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  const current = loading.get(key);
  if (current) return current as Promise<T>;
  const flight = (async () => {
    const filled = await readEntry<T>(redis, key);
    if (filled) return filled.value;
    const entry = await loadEntry(load, settings);
    await writeEntry(redis, key, entry, settings);
    return entry.value;
  })().finally(() => loading.delete(key));
  loading.set(key, flight);
  return flight;
}
