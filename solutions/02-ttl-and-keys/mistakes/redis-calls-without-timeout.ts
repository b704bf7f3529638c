/**
 * Mistake: every Redis error is caught, but nothing bounds how long a call may take
 * Replaces: read-through.ts
 * Caught by: 02.12
 *
 * Both calls have their catch, so a refused write or a failed read costs a hit and the
 * OOM check passes. But a Redis that stops answering does not fail: ioredis keeps the
 * command queued and its promise pending, so the catch never runs and the read waits as
 * long as the stall lasts. A cache that is slower than the database it protects is an
 * outage. Bound each call (`timeoutMs`), then fall back.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';

const note = (key: string) => (error: unknown) => console.warn(`[cache] ${key}: ${String(error)}`);

export async function readThrough<T>(redis: Redis, { key, ttlMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  const hit = await redis.get(key).catch((error: unknown) => (note(key)(error), null));
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null) await redis.set(key, JSON.stringify(row), 'PX', ttlMs).catch(note(key));
  return row;
}
