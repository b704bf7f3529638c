/**
 * Mistake: the cache read is guarded, the cache write is not
 * Replaces: read-through.ts
 * Caught by: 02.9, 02.12
 *
 * The GET sits in try/catch, so "Redis trouble falls back to Postgres" looks handled.
 * But the server's default policy is noeviction: once memory is full, reads still work
 * and every SET fails with OOM. The value is already loaded, and the request throws
 * anyway. The endpoint goes down because a cache could not take one more key.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  let hit: string | null = null;
  try {
    hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`);
  } catch (error) {
    console.warn('redis read failed, going to the database', error);
  }
  if (hit !== null) return JSON.parse(hit) as T;

  const row = await load();
  if (row !== null) await withTimeout(redis.set(key, JSON.stringify(row), 'PX', ttlMs), timeoutMs, `SET ${key}`);
  return row;
}
