// Lab 04: the miss path, where a stampede happens. Every call that misses ends up here.
import type { Redis } from 'ioredis';
import { encodeEntry, type CacheSettings } from './contract.js';

export async function loadOnce<T>(redis: Redis, key: string, load: () => Promise<T>, settings: CacheSettings): Promise<T> {
  // TODO(04): 100 requests that miss together all run load(): 100 identical queries. Take
  //           the key's lock (lockKeyFor(key), with lock.ts) so one process loads while the
  //           others wait, and decide what a waiter does when the wait runs out.
  // TODO(04): between this caller's miss and its lock, another process may have filled
  //           the cache. What should the lock's winner do before it loads?
  // TODO(04): a lock you take must be released even when load() throws.
  const startedAt = settings.now();
  const value = await load();
  const loadedAt = settings.now();
  const entry = { value, freshUntil: loadedAt + settings.freshMs, loadMs: loadedAt - startedAt };
  // TODO(04): Redis drops the page the moment it turns stale, so there is never a stale
  //           copy to serve while one refresh runs. Keep it for freshMs + staleMs.
  await redis.set(key, encodeEntry(entry), 'PX', settings.freshMs);
  return value;
}
