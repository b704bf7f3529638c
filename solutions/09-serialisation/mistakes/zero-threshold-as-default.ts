/**
 * Mistake: compressAboveBytes: 0 is taken for a missing option
 * Replaces: value-cache.ts
 * Caught by: 09.9
 *
 * `options.compressAboveBytes || 1024` is the shortest way to a default, and every
 * threshold a test usually tries (300, 5000) works. But 0 is a threshold: "compress
 * everything", for a network link that costs more than CPU. With `||` it silently becomes
 * 1024. Only undefined is a missing option (`??`).
 */
import type { ValueCache, ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as reference } from '../src/value-cache.js';

export function createValueCache(options: ValueCacheOptions): ValueCache {
  return reference({ ...options, compressAboveBytes: options.compressAboveBytes || 1024 });
}
