/**
 * Mistake: a cache write that fails is skipped only for the errors expected (OOM, a timeout); any other fails the read
 * Replaces: read-through.ts
 * Caught by: 02.9
 *
 * "Only swallow the errors you expect" is good advice for code that owns its data. A cache
 * does not: whatever made the write fail (a replica after a failover answers READONLY, a
 * connection resets), the value is in hand and the read has an answer. Failing it turns a
 * Redis problem into an outage of every read that misses.
 */
import type { Redis } from 'ioredis';
import { RedisTimeoutError, withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';
import type { ReadThroughOptions } from '../src/read-through.js';

export type { ReadThroughOptions } from '../src/read-through.js';

const warn = (error: unknown, key: string) => console.warn(`[cache] ${key}: ${String(error)}; served from the database`);

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  const { key, ttlMs, timeoutMs, load, onCacheError = warn } = options;
  let reachable = true;
  const cached = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch((error: unknown) => {
    reachable = false;
    onCacheError(error, key);
    return null;
  });
  if (cached !== null) return JSON.parse(cached) as T;
  const fresh = await load();
  if (fresh !== null && reachable) {
    await withTimeout(redis.set(key, JSON.stringify(fresh), 'PX', ttlMs), timeoutMs, `SET ${key}`).catch((error: unknown) => {
      if (!(error instanceof RedisTimeoutError) && !String(error).includes('OOM')) throw error; // not one we expect
      onCacheError(error, key);
    });
  }
  return fresh;
}
