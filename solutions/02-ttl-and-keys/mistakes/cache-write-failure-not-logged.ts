/**
 * Mistake: a refused cache write swallowed without a word
 * Replaces: read-through.ts
 * Caught by: 02.9
 *
 * The write is best effort, so `.catch(() => {})` looks like exactly what was asked: the
 * read answers from Postgres whatever Redis says. But under noeviction a full Redis
 * refuses every write from then on, and nothing says so: the hit rate falls to zero,
 * the database takes every read, and the first sign anyone sees is Postgres's load.
 * Skipping the write is right; hiding that it failed is not.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  let reachable = true;
  const hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch(() => ((reachable = false), null));
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null && reachable) {
    await withTimeout(redis.set(key, JSON.stringify(row), 'PX', ttlMs), timeoutMs, `SET ${key}`).catch(() => {});
  }
  return row;
}
