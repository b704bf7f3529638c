/**
 * Mistake: a falsy value read back is taken for a miss
 * Replaces: value-cache.ts
 * Caught by: 09.1, 09.3
 *
 * `if (!value) return undefined` is how a miss is tested in a hundred code bases, and every
 * object, Date and Map passes it. But 0, '', false, null, 0n and -0 are values too: a
 * stock of 0 or an empty note is cached, read back as a miss and loaded from the
 * database on every request. Only undefined means a miss.
 */
import type { ValueCache, ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as reference } from '../src/value-cache.js';

export function createValueCache(options: ValueCacheOptions): ValueCache {
  const cache = reference(options);
  return {
    async get(name) {
      const value = await cache.get(name);
      return value || undefined;
    },
    set: (name, value, ttlSeconds) => cache.set(name, value, ttlSeconds),
  };
}
