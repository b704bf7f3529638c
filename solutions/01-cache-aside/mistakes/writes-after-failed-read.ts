/**
 * Mistake: after the read from Redis timed out, the request still writes to Redis and waits again
 * Replaces: get-or-fetch.ts
 * Caught by: 01.19
 *
 * Writing back unconditionally looks like the simplest correct cache-aside: load, store,
 * return, and maybe Redis is back by now. But the read just showed that Redis is down or
 * stalled. The write waits out a second timeout, so every request pays twice while Redis
 * is sick, and a server struggling to recover gets extra commands queued for it.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  const cached = await withTimeout(redis.get(key), redisTimeoutMs).catch(() => null);
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);

  const fresh = await options.load();
  const [text, ttl] = fresh === null ? [MISSING, options.missingTtlSeconds] : [codec.encode(fresh), options.ttlSeconds];
  await withTimeout(redis.set(key, text, 'EX', ttl), redisTimeoutMs).catch(() => {});
  return fresh;
}
