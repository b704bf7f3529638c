/**
 * Mistake: a falsy result of readOlder is taken for a rejection
 * Replaces: value-cache.ts
 * Caught by: 09.18
 *
 * "readOlder returns nothing to reject an entry" reads naturally as `if (!upgraded)`.
 * But an upgrade may well be null (no discount any more), 0 or an empty string: those are
 * values, and turning them into misses sends every read of an older entry to the
 * database. Only undefined rejects.
 */
import type { ValueCache, ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as reference } from '../src/value-cache.js';

export function createValueCache(options: ValueCacheOptions): ValueCache {
  const { readOlder } = options;
  if (!readOlder) return reference(options);
  return reference({ ...options, readOlder: (version, value) => readOlder(version, value) || undefined });
}
