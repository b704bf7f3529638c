/**
 * Mistake: a refused cache write is logged with console.log
 * Replaces: read-through.ts
 * Caught by: 02.9
 *
 * The read survived, so the line looks informational: the key is named, the error too,
 * and anyone reading the output sees it. But nobody reads the output: log pipelines
 * and alerts are set on warnings and errors, and a cache that has stopped filling (a
 * full Redis under noeviction) shows as routine chatter until the database falls over.
 */
import type { Redis } from 'ioredis';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  return realReadThrough(redis, { ...options, onCacheError: (error, key) => console.log(`[cache] ${key}: ${String(error)}`) });
}
