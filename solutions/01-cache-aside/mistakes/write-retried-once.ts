/**
 * Mistake: a cache write that Redis refuses is sent once more
 * Replaces: get-or-fetch.ts
 * Caught by: 01.18
 *
 * The fill is best effort, so a second try looks harmless: it is still bounded by the
 * timeout and its error is still caught. But a Redis that refuses a write (OOM when it is
 * full) refuses the retry the same way, so every miss from every instance sends it two
 * writes, to a server that just said it has no room.
 */
import type { Redis } from 'ioredis';
import { getOrFetch as fillOnce, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export { MISSING, type Codec, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const set = (key: string, value: string, ex: 'EX', seconds: number) =>
    redis.set(key, value, ex, seconds).catch(() => redis.set(key, value, ex, seconds));
  return fillOnce(new Proxy(redis, { get: (target, name) => (name === 'set' ? set : Reflect.get(target, name, target)) }), options);
}
