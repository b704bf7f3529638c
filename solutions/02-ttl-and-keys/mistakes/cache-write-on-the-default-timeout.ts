/**
 * Mistake: the cache write after a miss is bounded by REDIS_TIMEOUT_MS, not the caller's redisTimeoutMs
 * Replaces: read-through.ts
 * Caught by: 02.14
 *
 * Both Redis calls are bounded and both failures are caught, so a stalled Redis costs a
 * read a quarter of a second at most. But the write's bound is the module's constant:
 * a caller that allowed 50 ms, because its own deadline is tight, waits 250 ms on a
 * write whose result it does not even need, five times what it asked for, on every miss
 * while Redis is slow. redisTimeoutMs is the bound for every Redis call of the read.
 */
import type { Redis } from 'ioredis';
import { REDIS_TIMEOUT_MS } from '../../../labs/02-ttl-and-keys/src/contract.js';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

const note = (key: string) => (error: unknown) => console.warn(`[cache] ${key}: ${String(error)}`);

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  const hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch((error: unknown) => (note(key)(error), null));
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null) await withTimeout(redis.set(key, JSON.stringify(row), 'PX', ttlMs), REDIS_TIMEOUT_MS, `SET ${key}`).catch(note(key));
  return row;
}
