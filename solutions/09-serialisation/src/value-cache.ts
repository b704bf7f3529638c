// A cache of values under one key each. Whatever cannot be read is a miss, reported to
// onDecodeError, never an exception and never a half-read value.
import {
  DEFAULT_COMPRESS_ABOVE_BYTES,
  valueKey,
  type ValueCache,
  type ValueCacheOptions,
} from '../../../labs/09-serialisation/src/contract.js';
import { seal } from './envelope.js';
import { readEntry } from './read-entry.js';

const logToConsole = (key: string, error: unknown) =>
  console.error(`cache entry ${key} cannot be read; treated as a miss`, error);

// #region value-cache
export function createValueCache(options: ValueCacheOptions): ValueCache {
  const { redis, keyPrefix, version } = options;
  const compressAboveBytes = options.compressAboveBytes ?? DEFAULT_COMPRESS_ABOVE_BYTES;
  const onDecodeError = options.onDecodeError ?? logToConsole;
  return {
    async get(name) {
      const key = valueKey(keyPrefix, name);
      // getBuffer: compressed bytes are not UTF-8, and get would mangle them.
      const stored = await redis.getBuffer(key);
      if (stored === null) return undefined;
      return readEntry(stored, options, (error) => onDecodeError(key, error));
    },
    async set(name, value, ttlSeconds) {
      const stored = await seal({ version, value }, compressAboveBytes);
      await redis.set(valueKey(keyPrefix, name), stored, 'EX', ttlSeconds);
    },
  };
}
// #endregion value-cache
