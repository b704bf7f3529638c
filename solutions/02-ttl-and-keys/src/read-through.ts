import type { Redis } from 'ioredis';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export interface ReadThroughOptions<T> {
  key: string;
  /** This write's TTL, already jittered (ttl-policy.ts). */
  ttlMs: number;
  /** How long one Redis call may take (the cache's redisTimeoutMs). */
  timeoutMs: number;
  load: () => Promise<T | null>;
  /** Told about every Redis failure the read survives. Default: one console.warn line. */
  onCacheError?: (error: unknown, key: string) => void;
}

/** The default onCacheError: one line naming the key, so a cache that stopped filling shows. */
function warn(error: unknown, key: string): void {
  console.warn(`[cache] ${key}: ${String(error)}; served from the database`);
}

// #region read-through
/**
 * Cache-aside read. Redis is an optimisation here, so its failures cost a hit, never the
 * answer: a failed GET is a miss, and a failed SET (an OOM error from a full server under
 * noeviction, a dropped connection) is logged while the loaded value is returned. Each
 * call is bounded by `timeoutMs`, so a server that stalls instead of failing costs that
 * long (a quarter of a second by default), not the request; and once the GET has failed,
 * the SET is not tried, so a read pays that price once. Loader errors are not caught: a
 * database failure is not a value to cache or hide.
 */
export async function readThrough<T>(
  redis: Redis,
  options: ReadThroughOptions<T>,
): Promise<T | null> {
  const { key, ttlMs, timeoutMs, load, onCacheError = warn } = options;
  let reachable = true;
  const cached = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch(
    (error: unknown) => {
      reachable = false;
      onCacheError(error, key);
      return null;
    },
  );
  if (cached !== null) {
    try {
      return JSON.parse(cached) as T;
    } catch {
      // Unreadable bytes are a miss: reload, and the SET below overwrites them.
    }
  }
  const fresh = await load();
  if (fresh !== null && reachable) {
    // Value and TTL in one command: the key never exists without its expiry.
    await withTimeout(
      redis.set(key, JSON.stringify(fresh), 'PX', ttlMs),
      timeoutMs,
      `SET ${key}`,
    ).catch((error: unknown) => onCacheError(error, key));
  }
  return fresh;
}
// #endregion read-through
