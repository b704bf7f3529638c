/**
 * Mistake: a GET that timed out is sent once more before the read falls back to Postgres
 * Replaces: get-or-fetch.ts
 * Caught by: 01.19
 *
 * "Retry once on a timeout" is a common reflex, and an error reply is still not retried,
 * so a refusing Redis costs nothing extra. But a stalled Redis now costs every request
 * twice redisTimeoutMs (half a second by default) before it is answered from Postgres,
 * and a Redis that is only slow gets twice the reads just when it can least take them.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { RedisTimeoutError, withTimeout } from '../src/with-timeout.js';

export { MISSING, type Codec, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  const read = () => withTimeout(redis.get(key), redisTimeoutMs);
  let redisUp = true;
  const cached = await read()
    .catch((error: unknown) => (error instanceof RedisTimeoutError ? read() : Promise.reject(error))) // one more try
    .catch((error: unknown) => {
      redisUp = false;
      console.warn(`[cache] Redis unavailable, using the database: ${String(error)}`);
      return null;
    });
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);
  const fresh = await options.load();
  if (redisUp) {
    const [text, ttlSeconds] = fresh === null ? [MISSING, options.missingTtlSeconds] : [codec.encode(fresh), options.ttlSeconds];
    await withTimeout(redis.set(key, text, 'EX', ttlSeconds), redisTimeoutMs).catch(() => {});
  }
  return fresh;
}
