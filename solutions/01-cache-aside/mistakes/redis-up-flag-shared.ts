/**
 * Mistake: whether Redis failed is a module-level flag, shared by every read
 * Replaces: get-or-fetch.ts
 * Caught by: 01.19
 *
 * Each call still resets the flag to true at its start and sets it to false when its read
 * fails, so a read run alone behaves exactly like the reference, and every sequential check
 * passes. But reads overlap. While one request times out on a sick connection, another
 * request on a healthy one finds the flag false and skips its fill, so the cache stays cold;
 * and a request that starts later resets the flag, so the failed one then writes to the
 * Redis it just gave up on. What happened to one request's Redis call belongs in a
 * variable of that request.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

let redisUp = true;

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs, onRedisError = () => {} } = options;
  redisUp = true;
  const cached = await withTimeout(redis.get(key), redisTimeoutMs).catch((error: unknown) => {
    redisUp = false;
    onRedisError(error);
    return null;
  });
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);

  const fresh = await options.load();
  if (redisUp) {
    const [text, ttl] = fresh === null ? [MISSING, options.missingTtlSeconds] : [codec.encode(fresh), options.ttlSeconds];
    await withTimeout(redis.set(key, text, 'EX', ttl), redisTimeoutMs).catch(onRedisError);
  }
  return fresh;
}
