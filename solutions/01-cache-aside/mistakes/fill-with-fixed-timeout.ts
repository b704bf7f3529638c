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
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

const WRITE_TIMEOUT_MS = 250;

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  let redisUp = true;
  const cached = await withTimeout(redis.get(key), redisTimeoutMs).catch(() => ((redisUp = false), null));
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);

  const fresh = await options.load();
  if (redisUp) {
    const [text, ttl] = fresh === null ? [MISSING, options.missingTtlSeconds] : [codec.encode(fresh), options.ttlSeconds];
    await withTimeout(redis.set(key, text, 'EX', ttl), WRITE_TIMEOUT_MS).catch(() => {});
  }
  return fresh;
}
