/**
 * Mistake: an error from the cache write reaches the caller, so a full Redis fails reads
 * Replaces: get-or-fetch.ts
 * Caught by: 01.18
 *
 * The read path catches Redis errors, and the write is bounded by the timeout, so it
 * looks finished. But the write's rejection is not caught: a Redis at maxmemory under
 * noeviction refuses every SET with "OOM command not allowed", and every miss now fails,
 * though Postgres gave the row. Filling the cache is best effort; its failure is logged.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  let up = true;
  const cached = await withTimeout(redis.get(key), redisTimeoutMs).catch(() => ((up = false), null));
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);

  const fresh = await options.load();
  if (up) {
    const [text, ttl] = fresh === null ? [MISSING, options.missingTtlSeconds] : [codec.encode(fresh), options.ttlSeconds];
    await withTimeout(redis.set(key, text, 'EX', ttl), redisTimeoutMs);
  }
  return fresh;
}
