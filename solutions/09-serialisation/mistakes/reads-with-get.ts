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
import type { ValueCache, ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as createRealCache } from '../src/value-cache.js';

/** The solution's cache on a client whose byte read goes through get, as text, then back to bytes. */
export function createValueCache(options: ValueCacheOptions): ValueCache {
  const { redis } = options;
  const readAsText = async (key: string) => {
    const text = await redis.get(key);
    return text === null ? null : Buffer.from(text, 'utf8');
  };
  const client = new Proxy(redis, {
    get: (target, name) => (name === 'getBuffer' ? readAsText : Reflect.get(target, name, target)),
  });
  return createRealCache({ ...options, redis: client });
}
