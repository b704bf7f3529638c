/**
 * Mistake: the refresh writes the page with the fresh time as its TTL
 * Replaces: background-refresh.ts
 * Caught by: 04.11, 04.18
 *
 * The refresher writes its own SET, and `PX freshMs` reads naturally: the page is fresh
 * for that long. The first write, on the miss path, had the stale window added; this one
 * does not. After the first refresh the soft and the hard expiry fall on the same moment
 * again, so there is never a stale copy to serve: the next expiry is a miss for every
 * reader, exactly the stampede stale-while-revalidate was added to prevent.
 */
import type { Redis } from 'ioredis';
import { encodeEntry, lockKeyFor, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import type { Refresh } from '../src/background-refresh.js';
import { loadEntry, readEntry } from '../src/entry-store.js';
import { whileHolding } from '../src/hold-lock.js';
import { acquireLock } from '../src/lock.js';

export function createRefresher(redis: Redis, settings: CacheSettings): Refresh {
  const running = new Set<string>();
  return (key, seen, load) => {
    if (running.has(key)) return;
    running.add(key);
    (async () => {
      const lock = await acquireLock(redis, lockKeyFor(key), { ttlMs: settings.lockTtlMs, waitMs: 0 });
      if (!lock) return;
      await whileHolding(redis, lock, settings.lockTtlMs, async () => {
        const current = await readEntry(redis, key);
        if (current && current.freshUntil > seen.freshUntil) return;
        const entry = await loadEntry(load, settings);
        await redis.set(key, encodeEntry(entry), 'PX', settings.freshMs);
      });
    })()
      .catch((error: unknown) => settings.onBackgroundError(error))
      .finally(() => running.delete(key));
  };
}
