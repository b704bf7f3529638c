/**
 * Mistake: a waiter that gives up on the lock caches what it loaded, with loadMs 0
 * Replaces: load-once.ts
 * Caught by: 04.18
 *
 * Caching what the give-up path loaded spares the next reader a trip to Postgres, and the
 * load time looks like a detail of the other path. But XFetch weighs its head start by
 * loadMs: an entry that claims it loads in no time is never refreshed early, and every
 * reader of that page meets its expiry together, the stampede the lab is about.
 */
import type { Redis } from 'ioredis';
import { lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry, readEntry, writeEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings, lockKey = lockKeyFor(key)): Promise<T> {
  const lock = await acquireLock(redis, lockKey, { ttlMs: settings.lockTtlMs, waitMs: settings.lockWaitMs });
  if (!lock) {
    const late = await readEntry<T>(redis, key);
    if (late) return late.value;
    const value = await load();
    // Cache it, so the next reader does not come here too.
    await writeEntry(redis, key, { value, freshUntil: settings.now() + settings.freshMs, loadMs: 0 }, settings);
    return value;
  }
  return whileHolding(redis, lock, settings.lockTtlMs, async () => {
    const filled = await readEntry<T>(redis, key);
    if (filled) return filled.value;
    const entry = await loadEntry(load, settings);
    await writeEntry(redis, key, entry, settings);
    return entry.value;
  });
}
