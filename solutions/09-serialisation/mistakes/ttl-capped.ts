/**
 * Mistake: the TTL is capped at five minutes
 * Replaces: value-cache.ts
 * Caught by: 09.1
 *
 * A ceiling on TTLs feels like a safety net: no stale value can outlive five minutes.
 * But the caller chose ttlSeconds knowing its data (a price list valid for two hours, a
 * rate card for a day); a silent cap multiplies the database load for those, and every
 * test that uses 60 or 300 seconds sees nothing. Store the TTL set() was given.
 */
import type { ValueCache, ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as reference } from '../src/value-cache.js';

export function createValueCache(options: ValueCacheOptions): ValueCache {
  const cache = reference(options);
  return {
    get: (name) => cache.get(name),
    set: (name, value, ttlSeconds) => cache.set(name, value, Math.min(ttlSeconds, 300)),
  };
}
