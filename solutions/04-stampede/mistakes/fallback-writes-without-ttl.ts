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
import { encodeEntry, type CacheEntry, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadEntry } from '../src/entry-store.js';
import { loadOnce as realLoadOnce } from '../src/load-once.js';

/**
 * The solution's miss path, watched: when it loaded the page but never wrote it (the
 * waiter that gave up on the lock), the page is kept with a plain SET.
 */
export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  let loaded: CacheEntry<T> | undefined;
  let written = false;
  const set = redis.set.bind(redis) as (...args: unknown[]) => Promise<unknown>;
  const client = new Proxy(redis, {
    get: (target, name) =>
      name === 'set' ? (...args: unknown[]) => ((written ||= args[0] === key), set(...args)) : Reflect.get(target, name, target),
  });
  const value = await realLoadOnce(
    client,
    key,
    async () => {
      loaded = await loadEntry(load, settings);
      return loaded.value;
    },
    settings,
  );
  if (loaded && !written) await redis.set(key, encodeEntry(loaded)); // we paid for the query: keep the result
  return value;
}
