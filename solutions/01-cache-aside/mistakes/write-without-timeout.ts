/**
 * Mistake: the read from Redis has a timeout, the write that fills the cache does not
 * Replaces: get-or-fetch.ts
 * Caught by: 01.18, 01.26
 *
 * The GET is where "Redis down" shows up in testing, so it gets the timeout, and the SET
 * is wrapped in try/catch "just in case". But a Redis can answer reads and stall on writes
 * (a server busy evicting, a replica promoted mid-write): nothing is thrown, the await
 * never ends, and every miss hangs, although Postgres answered long ago.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec } = options;
  let reachable = true;
  const cached = await withTimeout(redis.get(key), options.redisTimeoutMs).catch(() => ((reachable = false), null));
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);

  const fresh = await options.load();
  if (reachable) {
    try {
      if (fresh === null) await redis.set(key, MISSING, 'EX', options.missingTtlSeconds);
      else await redis.set(key, codec.encode(fresh), 'EX', options.ttlSeconds);
    } catch (error) {
      console.warn(`[cache] fill failed: ${String(error)}`);
    }
  }
  return fresh;
}
