/**
 * Mistake: "Redis answered" is one flag for the whole process
 * Replaces: read-through.ts
 * Caught by: 02.16
 *
 * The flag that stops a read from writing after its GET failed behaves the same whether
 * it lives in the function or one line above it, as long as reads come one at a time,
 * and hoisting it looks like a harmless tidy-up (or even a cheap circuit breaker). But
 * reads overlap. A read on a stalled connection clears the flag while a read on a
 * healthy one is waiting for its GET; the healthy read then skips a cache write that
 * Redis would have taken, and every miss that overlaps any timeout goes uncached.
 * Whether Redis answered is a fact about one read, so it belongs to that read.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

let reachable = true;

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  reachable = true;
  const log = (error: unknown) => console.warn(`[cache] ${key}: ${String(error)}`);
  const hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch((error: unknown) => {
    reachable = false;
    log(error);
    return null;
  });
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null && reachable) {
    await withTimeout(redis.set(key, JSON.stringify(row), 'PX', ttlMs), timeoutMs, `SET ${key}`).catch(log);
  }
  return row;
}
