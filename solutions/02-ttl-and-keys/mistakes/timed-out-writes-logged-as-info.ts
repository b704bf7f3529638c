/**
 * Mistake: a refused cache write is warned about, one that timed out is only logged with console.info
 * Replaces: read-through.ts
 * Caught by: 02.14
 *
 * "A slow Redis is routine" reads like tuning the noise: refusals are warnings, timeouts
 * merely information. But a timeout is the first sign of a Redis that is stalling, and
 * alerts are set on warnings and errors: the cache stops filling while the logs show
 * routine chatter, until the database falls over.
 */
import type { Redis } from 'ioredis';
import { RedisTimeoutError } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  return realReadThrough(redis, {
    ...options,
    onCacheError: (error, key) =>
      error instanceof RedisTimeoutError ? console.info(`[cache] ${key}: ${String(error)}`) : console.warn(`[cache] ${key}: ${String(error)}; served from the database`),
  });
}
