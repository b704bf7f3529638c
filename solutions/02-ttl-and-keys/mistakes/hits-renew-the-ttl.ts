/**
 * Mistake: a cache hit renews the key's TTL (GETEX ... PX), as a session read does
 * Replaces: read-through.ts
 * Caught by: 02.15
 *
 * GETEX is the right read for a session, and it looks like a free improvement for the
 * cache too: hot keys stay warm, cold keys still expire. But the TTL is a staleness
 * budget counted from the moment Postgres gave the value. Renewed on every hit, a
 * product read once a minute is never reloaded: a price or stock count changed without
 * an invalidation (a migration, a lost DEL) is served for as long as people look at it.
 * Only the data whose TTL is an idle timeout slides.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

const note = (key: string) => (error: unknown) => console.warn(`[cache] ${key}: ${String(error)}`);

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  const hit = await withTimeout(redis.getex(key, 'PX', ttlMs), timeoutMs, `GETEX ${key}`).catch((error: unknown) => (note(key)(error), null));
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null) await withTimeout(redis.set(key, JSON.stringify(row), 'PX', ttlMs), timeoutMs, `SET ${key}`).catch(note(key));
  return row;
}
