import type { Redis } from 'ioredis';
import { withTimeout } from './with-timeout.js';

/** How a value becomes the string Redis stores, and back. */
export interface Codec<T> {
  encode(value: T): string;
  decode(text: string): T;
}

export interface GetOrFetchOptions<T> {
  key: string;
  /** TTL for a value the loader found. */
  ttlSeconds: number;
  /** TTL for "the loader found nothing" (negative caching); keep it short. */
  missingTtlSeconds: number;
  load: () => Promise<T | null>;
  codec: Codec<T>;
  /** After this long, Redis counts as unavailable and the loader answers instead. */
  redisTimeoutMs: number;
  onRedisError?: (error: unknown) => void;
}

/** Stored for "no such row". No JSON text looks like this, so it cannot collide with a value. */
export const MISSING = '(missing)';

const warn = (error: unknown) =>
  console.warn(`[cache] Redis unavailable, using the database: ${String(error)}`);

// #region get-or-fetch
/**
 * Cache-aside read: Redis first; on a miss, the loader, then one SET with a TTL.
 * Redis trouble never fails the read: it costs at most `redisTimeoutMs`, then the
 * loader answers. Loader errors propagate and nothing is cached for them.
 */
export async function getOrFetch<T>(
  redis: Redis,
  options: GetOrFetchOptions<T>,
): Promise<T | null> {
  const { key, codec, redisTimeoutMs, onRedisError = warn } = options;
  let redisUp = true;
  const cached = await withTimeout(redis.get(key), redisTimeoutMs).catch((error: unknown) => {
    redisUp = false;
    onRedisError(error);
    return null;
  });
  if (cached === MISSING) return null;
  if (cached !== null) {
    try {
      return codec.decode(cached);
    } catch {
      // An unreadable entry is a miss: reload and overwrite it below.
    }
  }

  const fresh = await options.load();
  if (redisUp) {
    const [text, ttlSeconds] =
      fresh === null
        ? [MISSING, options.missingTtlSeconds]
        : [codec.encode(fresh), options.ttlSeconds];
    // SET with EX writes value and TTL in one command: no moment where the key lives forever.
    await withTimeout(redis.set(key, text, 'EX', ttlSeconds), redisTimeoutMs).catch(
      onRedisError,
    );
  }
  return fresh;
}
// #endregion get-or-fetch
