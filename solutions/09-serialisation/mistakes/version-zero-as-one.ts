/**
 * Mistake: a version of 0 is taken for a missing option
 * Replaces: value-cache.ts
 * Caught by: 09.18
 *
 * `options.version || 1` gives a sensible default to code that forgot the option. But 0
 * is a version: a team that started counting at 0 writes its first entries as version 1,
 * so the readers of version 1 return them as their own, in the old shape, and readOlder
 * never sees them. Only undefined is a missing option (`??`).
 */
import type { ValueCache, ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as reference } from '../src/value-cache.js';

export function createValueCache(options: ValueCacheOptions): ValueCache {
  return reference({ ...options, version: options.version || 1 });
}
