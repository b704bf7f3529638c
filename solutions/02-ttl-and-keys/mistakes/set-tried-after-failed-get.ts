/**
 * Mistake: a failed GET treated as an ordinary miss, cache write included
 * Replaces: read-through.ts
 * Caught by: 02.16
 *
 * Both calls are bounded and both errors are caught, so every read answers. But a GET
 * that failed or timed out has just said Redis is not answering, and the read asks it
 * again anyway: on a stalled server it waits out the timeout a second time, and each
 * request queues one more SET on a connection that answers nothing. A miss because
 * the key is absent and a miss because Redis is gone are not the same miss.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  const logged = (error: unknown) => (console.warn(`[cache] ${key}: ${String(error)}`), null);
  const hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch(logged);
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null) await withTimeout(redis.set(key, JSON.stringify(row), 'PX', ttlMs), timeoutMs, `SET ${key}`).catch(logged);
  return row;
}
