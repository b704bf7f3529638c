/**
 * Mistake: a GET that fails is sent once more before the read goes to Postgres
 * Replaces: get-or-fetch.ts
 * Caught by: 01.13
 *
 * One more try smooths over a blip, and each try is still bounded, so a request never
 * waits for ever. But a Redis that answers with an error (LOADING after a restart, OOM)
 * answers the second try the same way: every read from every instance now asks twice, on
 * a server that is already struggling, and a stalled one costs each request twice the bound.
 */
import type { Redis } from 'ioredis';
import { getOrFetch as readOnce, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export { MISSING, type Codec, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const retrying = new Proxy(redis, {
    get: (target, name) => (name === 'get' ? (key: string) => target.get(key).catch(() => target.get(key)) : Reflect.get(target, name, target)),
  });
  return readOnce(retrying, options);
}
