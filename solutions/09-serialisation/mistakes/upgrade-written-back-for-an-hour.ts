/**
 * Mistake: an upgraded entry is written back with a TTL of its own choosing
 * Replaces: value-cache.ts
 * Caught by: 09.11
 *
 * Writing the upgrade back saves the next reader the readOlder call, and get has to pick
 * some TTL: an hour sounds reasonable. But the TTL was the writer's decision: an entry
 * meant to live two hours is cut to one, one meant to live a minute now outlives its
 * data by an hour, and each read could extend it again. Keep the TTL the entry had left
 * (SET ... KEEPTTL), or do not write back.
 */
import type { ValueCache, ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as reference } from '../src/value-cache.js';

export function createValueCache(options: ValueCacheOptions): ValueCache {
  const { readOlder } = options;
  let upgraded = false;
  const cache = reference({
    ...options,
    readOlder: readOlder && ((version, value) => ((upgraded = true), readOlder(version, value))),
  });
  return {
    async get(name) {
      upgraded = false;
      const value = await cache.get(name);
      if (upgraded && value !== undefined) await cache.set(name, value, 3600);
      return value;
    },
    set: (name, value, ttlSeconds) => cache.set(name, value, ttlSeconds),
  };
}
