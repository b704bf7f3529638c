/**
 * Mistake: once a GET has failed, the cache stops writing, for good
 * Replaces: read-through.ts
 * Caught by: 02.16
 *
 * "Redis is down, stop piling writes on it" remembered per client looks like a small
 * circuit breaker, and it passes every check where one read fails while another, on
 * another client, stays healthy. But nothing ever closes it: after the blip every read
 * of this instance still reads Redis, misses, goes to Postgres and never caches, until
 * the process restarts. Whether Redis answered is a fact about one read.
 */
import type { Redis } from 'ioredis';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';

const down = new WeakSet<Redis>();

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  const onCacheError = (error: unknown, key: string) => {
    down.add(redis);
    console.warn(`[cache] ${key}: ${String(error)}`);
  };
  const set = down.has(redis) ? () => Promise.resolve('OK') : undefined;
  const writer = new Proxy(redis, { get: (target, name) => (name === 'set' && set ? set : Reflect.get(target, name)) });
  return realReadThrough(writer, { ...options, onCacheError });
}
