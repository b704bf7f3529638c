/**
 * Mistake: the cache write is bounded by a constant 250 ms, not by redisTimeoutMs
 * Replaces: get-or-fetch.ts
 * Caught by: 01.26
 *
 * The read honours the caller's bound, and the write got "the usual" 250 ms: a down,
 * stalled or refusing Redis still cannot hang the request, so every fallback check is
 * green. But a caller who allowed 30 ms for Redis now waits up to 250 ms after Postgres
 * has already answered, on every miss, whenever Redis is slow to take writes.
 */
import type { Redis } from 'ioredis';
import { getOrFetch as realGetOrFetch, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

const WRITE_TIMEOUT_MS = 250;

/**
 * The solution's read, bounded by the constant; the GET alone is cut at the caller's
 * redisTimeoutMs, so only the SET is left with 250 ms.
 */
export function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const get = (key: string) => withTimeout(redis.get(key), options.redisTimeoutMs);
  const client = new Proxy(redis, {
    get: (target, name) => (name === 'get' ? get : Reflect.get(target, name, target)),
  });
  return realGetOrFetch(client, { ...options, redisTimeoutMs: WRITE_TIMEOUT_MS });
}
