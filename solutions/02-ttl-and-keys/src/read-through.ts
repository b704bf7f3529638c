import type { Redis } from 'ioredis';

export interface ReadThroughOptions<T> {
  key: string;
  /** This write's TTL, already jittered (ttl-policy.ts). */
  ttlMs: number;
  load: () => Promise<T | null>;
  /** Told about every Redis failure the read survives. Default: one console.warn line. */
  onCacheError?: (error: unknown, key: string) => void;
}

const warn = (error: unknown, key: string) => console.warn(`[cache] ${key}: ${String(error)}; served from the database`);

// #region read-through
/**
 * Cache-aside read. Redis is an optimisation here, so its failures cost a hit, never the
 * answer: a failed GET is a miss, and a failed SET (an OOM error from a full server
 * under noeviction, a dropped connection) is logged while the loaded value is returned.
 * Loader errors are not caught: a database failure is not a value to cache or hide.
 *
 * Lab 01 adds a timeout around each Redis call, for a server that hangs rather than fails.
 */
export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  const { key, ttlMs, load, onCacheError = warn } = options;
  const cached = await redis.get(key).catch((error: unknown) => (onCacheError(error, key), null));
  if (cached !== null) {
    try {
      return JSON.parse(cached) as T;
    } catch {
      // Unreadable bytes are a miss: reload, and the SET below overwrites them.
    }
  }
  const fresh = await load();
  if (fresh !== null) {
    // Value and TTL in one command: the key never exists without its expiry.
    await redis.set(key, JSON.stringify(fresh), 'PX', ttlMs).catch((error: unknown) => onCacheError(error, key));
  }
  return fresh;
}
// #endregion read-through
