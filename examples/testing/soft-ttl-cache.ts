// The code under test in cache.test.ts: cache-aside with a "fresh until" time decided
// by an injected clock (so tests need not sleep) and a longer Redis TTL as the hard
// limit.
import type { Redis } from 'ioredis';
import type { Clock } from './doubles.js';

// #region soft-ttl-cache
export interface SoftTtlCacheOptions<T> {
  redis: Redis;
  clock: Clock;
  prefix: string;
  load: (id: string) => Promise<T>;
  freshMs: number; // after this, reload (logical expiry, tested with a manual clock)
  hardTtlMs: number; // Redis drops the entry after this, whatever the clock says
}

export function createSoftTtlCache<T>({
  redis,
  clock,
  prefix,
  load,
  freshMs,
  hardTtlMs,
}: SoftTtlCacheOptions<T>) {
  return {
    async get(id: string): Promise<T> {
      const key = `${prefix}item:${id}`;
      let cached: string | null = null;
      try {
        cached = await redis.get(key);
      } catch {
        // Redis down or too slow: fall through to the loader.
      }
      if (cached !== null) {
        const entry = JSON.parse(cached) as { value: T; freshUntil: number };
        if (clock.now() < entry.freshUntil) return entry.value;
      }
      const value = await load(id); // a failure propagates, and nothing is written
      const entry = JSON.stringify({ value, freshUntil: clock.now() + freshMs });
      await redis.set(key, entry, 'PX', hardTtlMs).catch(() => {});
      return value;
    },
  };
}
// #endregion soft-ttl-cache
