/**
 * Mistake: a cache write refused again for the same key is not logged again
 * Replaces: read-through.ts
 * Caught by: 02.9
 *
 * A full Redis refuses every write, and one line per refusal floods the log with the
 * same message, so "say it once per key" looks like good manners. But the repeats are
 * the signal: one line per key at start-up, then silence, reads as a blip that passed,
 * while the cache stays empty and every read of those keys goes to the database.
 * Rate-limit the lines if you must; never make the second refusal invisible.
 */
import type { Redis } from 'ioredis';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';

const said = new WeakMap<Redis, Set<string>>();

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  const keys = said.get(redis) ?? new Set<string>();
  said.set(redis, keys);
  const onCacheError = (error: unknown, key: string) => {
    if (!keys.has(key)) console.warn(`[cache] ${key}: ${String(error)}`);
    keys.add(key);
  };
  return realReadThrough(redis, { ...options, onCacheError });
}
