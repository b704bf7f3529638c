/**
 * Mistake: entries are read with get, as text
 * Replaces: value-cache.ts
 * Caught by: 09.10
 *
 * get is what every ioredis example uses, and every small entry (raw JSON after one
 * marker byte) reads back fine. A compressed entry is bytes, not UTF-8: get decodes it as
 * text, every invalid sequence becomes U+FFFD, and gunzip fails on what is left. Large
 * values, the ones compression was for, become permanent misses. Read with getBuffer.
 */
import {
  DEFAULT_COMPRESS_ABOVE_BYTES,
  valueKey,
  type ValueCache,
  type ValueCacheOptions,
} from '../../../labs/09-serialisation/src/contract.js';
import { seal } from '../src/envelope.js';
import { readEntry } from '../src/read-entry.js';

const logToConsole = (key: string, error: unknown) =>
  console.error(`cache entry ${key} cannot be read; treated as a miss`, error);

export function createValueCache(options: ValueCacheOptions): ValueCache {
  const { redis, keyPrefix, version } = options;
  const compressAboveBytes = options.compressAboveBytes ?? DEFAULT_COMPRESS_ABOVE_BYTES;
  const onDecodeError = options.onDecodeError ?? logToConsole;
  return {
    async get(name) {
      const key = valueKey(keyPrefix, name);
      const text = await redis.get(key);
      if (text === null) return undefined;
      const stored = Buffer.from(text, 'utf8');
      return readEntry(stored, options, (error) => onDecodeError(key, error));
    },
    async set(name, value, ttlSeconds) {
      const stored = await seal({ version, value }, compressAboveBytes);
      await redis.set(valueKey(keyPrefix, name), stored, 'EX', ttlSeconds);
    },
  };
}
