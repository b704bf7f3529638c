/**
 * Mistake: whatever the load returned is cached, null included
 * Replaces: read-through.ts
 * Caught by: 02.17
 *
 * "Cache the result of the load" reads as the whole of cache-aside, and it even spares
 * the database the lookups of ids that do not exist. But JSON.stringify(null) is the
 * string "null": stored under the key with the class's TTL, it answers "not found" for
 * up to an hour, so a product created a minute later cannot be seen. This lab's TTL
 * table has no class for absence; caching it needs a TTL of its own (lab 01), not the
 * value's.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  const logged = (error: unknown) => (console.warn(`[cache] ${key}: ${String(error)}`), undefined);
  const hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch(logged);
  if (hit === undefined) return load(); // Redis did not answer: skip the cache altogether
  if (hit !== null) return JSON.parse(hit) as T | null;
  const result = await load();
  await withTimeout(redis.set(key, JSON.stringify(result), 'PX', ttlMs), timeoutMs, `SET ${key}`).catch(logged);
  return result;
}
