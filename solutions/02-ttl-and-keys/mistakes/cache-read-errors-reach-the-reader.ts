/**
 * Mistake: the cache write is guarded, the cache read is not
 * Replaces: read-through.ts
 * Caught by: 02.12
 *
 * Written right after an OOM incident: the SET now has its timeout and its catch, and a
 * full Redis no longer fails a read. But the GET before it was left bare, on the idea
 * that reads are what Redis never refuses. A server that is loading its dataset after a
 * restart, or a connection that drops, fails the GET too, and the product page goes down
 * although Postgres has the answer. Every Redis call of a cached read is best effort.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  const hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`);
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null) {
    await withTimeout(redis.set(key, JSON.stringify(row), 'PX', ttlMs), timeoutMs, `SET ${key}`).catch((error: unknown) =>
      console.warn(`[cache] ${key}: ${String(error)}`),
    );
  }
  return row;
}
