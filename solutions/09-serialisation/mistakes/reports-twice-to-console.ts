/**
 * Mistake: the default reporter prints the key and the error in two console.error calls
 * Replaces: value-cache.ts
 * Caught by: 09.15
 *
 * One line for the message, one for the stack: easy to read in a terminal. But a log
 * pipeline counts calls: every bad entry is now two error events, the second one without
 * the key, and alerts built on "errors per minute" double. Report once, key and error in
 * the same call.
 */
import type { ValueCache, ValueCacheOptions } from '../../../labs/09-serialisation/src/contract.js';
import { createValueCache as reference } from '../src/value-cache.js';

const twice = (key: string, error: unknown) => {
  console.error(`cache entry ${key} cannot be read; treated as a miss`);
  console.error(error);
};

export function createValueCache(options: ValueCacheOptions): ValueCache {
  return reference({ ...options, onDecodeError: options.onDecodeError ?? twice });
}
