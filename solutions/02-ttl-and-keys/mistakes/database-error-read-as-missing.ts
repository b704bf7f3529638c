/**
 * Mistake: a failing Postgres load is logged and read as "no such row" (null)
 * Replaces: read-through.ts
 * Caught by: 02.17
 *
 * Every Redis failure is caught and logged on this path, so catching the loader's error
 * too looks consistent, and null is already a valid answer. But null means the row does
 * not exist: during a database outage every product reads as gone, a caller shows 404s,
 * and one that creates what is "missing" makes duplicates. Redis is the copy that may be
 * skipped; the truth's errors belong to the caller.
 */
import type { Redis } from 'ioredis';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';

export type { ReadThroughOptions } from '../src/read-through.js';

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  const load = () =>
    options.load().catch((error: unknown) => {
      console.error(`[cache] ${options.key}: loading failed: ${String(error)}`);
      return null;
    });
  return realReadThrough(redis, { ...options, load });
}
