/**
 * Mistake: only a refused cache write is logged; one that timed out passes in silence
 * Replaces: read-through.ts
 * Caught by: 02.14
 *
 * The OOM reply from a full server is the failure everyone remembers, so logging just
 * Redis's error replies (ReplyError) looks targeted: timeouts and dropped connections
 * feel like transient noise. But a write that got no answer within redisTimeoutMs was
 * skipped just the same. When Redis stalls after answering the GET, every miss loses
 * its write, the hit rate sinks, and the log says nothing at all, which is exactly the
 * silence the log line exists to break. Whatever made the write fail, log it with its key.
 */
import { ReplyError, type Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  let reachable = true;
  const hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch((error: unknown) => {
    reachable = false;
    console.warn(`[cache] ${key}: ${String(error)}`);
    return null;
  });
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null && reachable) {
    await withTimeout(redis.set(key, JSON.stringify(row), 'PX', ttlMs), timeoutMs, `SET ${key}`).catch((error: unknown) => {
      if (error instanceof ReplyError) console.warn(`[cache] ${key}: ${String(error)}`);
    });
  }
  return row;
}
