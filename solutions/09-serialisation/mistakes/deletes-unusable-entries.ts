/**
 * Mistake: an entry the reader cannot use is deleted
 * Replaces: value-cache.ts
 * Caught by: 09.12, 09.13
 *
 * Deleting what one cannot read looks tidy: the caller reloads the value and writes it in
 * its own shape anyway. But during a rolling deploy the entry belongs to readers of
 * another version: the old code deletes every entry the new code writes (and the new
 * code every old one it rejects), so both sides miss over and over. A miss leaves the
 * entry in place.
 */
import { valueKey, type ValueCache, type ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as reference } from '../src/value-cache.js';

export function createValueCache(options: ValueCacheOptions): ValueCache {
  const cache = reference(options);
  return {
    async get(name) {
      const value = await cache.get(name);
      if (value === undefined) await options.redis.del(valueKey(options.keyPrefix, name));
      return value;
    },
    set: (name, value, ttlSeconds) => cache.set(name, value, ttlSeconds),
  };
}
