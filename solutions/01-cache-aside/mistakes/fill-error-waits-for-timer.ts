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
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  let redisUp = true;
  const cached = await withTimeout(redis.get(key), redisTimeoutMs).catch(() => ((redisUp = false), null));
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);

  const fresh = await options.load();
  if (redisUp) {
    const [text, ttl] = fresh === null ? [MISSING, options.missingTtlSeconds] : [codec.encode(fresh), options.ttlSeconds];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, redisTimeoutMs);
      redis
        .set(key, text, 'EX', ttl)
        .then(() => (clearTimeout(timer), resolve()))
        .catch((error: unknown) => console.warn(`[cache] could not fill ${key}: ${String(error)}`));
    });
  }
  return fresh;
}
