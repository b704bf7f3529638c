/**
 * Mistake: the default threshold is a round 1000 bytes
 * Replaces: value-cache.ts
 * Caught by: 09.8
 *
 * "Compress above 1 KB" and a default of 1000: close enough, and a value of 900 bytes
 * stays raw while one of 1100 is compressed either way. But the contract says 1024, and
 * entries of 1001 to 1024 bytes are now compressed by one deployment and not by another
 * that follows the contract: the numbers an operator sizes memory with no longer hold.
 */
import type { ValueCache, ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as reference } from '../src/value-cache.js';

export function createValueCache(options: ValueCacheOptions): ValueCache {
  return reference({ ...options, compressAboveBytes: options.compressAboveBytes ?? 1000 });
}
