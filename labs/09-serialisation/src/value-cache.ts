// A cache of values under one key each, in the bytes `codec.ts` and this file choose.
import type { ValueCache, ValueCacheOptions } from './contract.js';
import { valueKey } from './contract.js';
import { fromText, toText } from './codec.js';

export function createValueCache(options: ValueCacheOptions): ValueCache {
  const { redis, keyPrefix } = options;
  return {
    async get(name) {
      // TODO(09): an entry written by another version of the app, by another program,
      // or cut short is read here as if it were ours. Which entries may be returned,
      // and what does the caller get for the others?
      const stored = await redis.get(valueKey(keyPrefix, name));
      return stored === null ? undefined : fromText(stored);
    },
    async set(name, value, ttlSeconds) {
      // TODO(09): no version is stored, and a 1 MB value is stored as 1 MB.
      await redis.set(valueKey(keyPrefix, name), toText(value), 'EX', ttlSeconds);
    },
  };
}
