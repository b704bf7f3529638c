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
import { decodeEntry, type CacheSettings } from '../../../labs/04-stampede/src/contract.js';
import { loadOnce as realLoadOnce } from '../src/load-once.js';

const isEmpty = (value: unknown) => Array.isArray((value as { products?: unknown })?.products) && (value as { products: unknown[] }).products.length === 0;

/** The solution's miss path, on a client that drops the write of this key when the page it holds is empty. */
export function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  const set = redis.set.bind(redis) as (...args: unknown[]) => Promise<unknown>;
  const skipsEmpty = (...args: unknown[]) =>
    args[0] === key && isEmpty(decodeEntry(String(args[1])).value) ? Promise.resolve('OK') : set(...args);
  const client = new Proxy(redis, {
    get: (target, name) => (name === 'set' ? skipsEmpty : Reflect.get(target, name, target)),
  });
  return realLoadOnce(client, key, load, settings);
}
