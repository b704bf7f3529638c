/**
 * Mistake: a cache write that Redis refuses is logged, but the read still waits for the timer
 * Replaces: get-or-fetch.ts
 * Caught by: 01.18
 *
 * The write is bounded and its error caught, so a refused SET can neither hang nor fail
 * the read, and with the default 250 ms nobody notices. But only success or the timer
 * ends the wait: a full Redis refusing every write at once (OOM) makes every miss wait
 * the whole redisTimeoutMs after Postgres has answered, 10 s for a caller who allowed it.
 */
import type { Redis } from 'ioredis';
import { getOrFetch as realGetOrFetch, type GetOrFetchOptions } from '../src/get-or-fetch.js';

/** The solution's read, on a client whose SET logs a refusal and never settles, so the timer ends the wait. */
export function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const set = (key: string, ...rest: unknown[]) =>
    new Promise<unknown>((resolve) => {
      (redis.set as (...args: unknown[]) => Promise<unknown>)(key, ...rest).then(resolve, (error: unknown) =>
        console.warn(`[cache] could not fill ${key}: ${String(error)}`),
      );
    });
  const client = new Proxy(redis, {
    get: (target, name) => (name === 'set' ? set : Reflect.get(target, name, target)),
  });
  return realGetOrFetch(client, options);
}
