/**
 * Mistake: an error from the Redis read counts as a miss, so the cache write follows it
 * Replaces: get-or-fetch.ts
 * Caught by: 01.19
 *
 * The read races a timer, and only the timer marks Redis as down; `redis.get(key).catch(()
 * => null)` turns an error into "not cached", which sounds harmless. But a Redis answering
 * LOADING or NOPERM is as unavailable as a silent one: every miss now sends it a SET it
 * will refuse, so a Redis in trouble gets twice the traffic and the request pays twice.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<null>((resolve) => {
    timer = setTimeout(() => ((timedOut = true), resolve(null)), redisTimeoutMs);
  });
  const cached = await Promise.race([redis.get(key).catch(() => null), silence]);
  clearTimeout(timer);
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);

  const fresh = await options.load();
  if (!timedOut) {
    const [text, ttl] = fresh === null ? [MISSING, options.missingTtlSeconds] : [codec.encode(fresh), options.ttlSeconds];
    await withTimeout(redis.set(key, text, 'EX', ttl), redisTimeoutMs).catch(() => {});
  }
  return fresh;
}
