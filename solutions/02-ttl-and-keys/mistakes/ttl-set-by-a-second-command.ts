/**
 * Mistake: the value is written first and its TTL set by a second command
 * Replaces: read-through.ts
 * Caught by: 02.1, 02.5
 *
 * `SET key value` then `PEXPIRE key ttl` reads naturally, and once both have run the key
 * has exactly the TTL its class asks for, so a look at PTTL after the read finds nothing
 * wrong. But between the two commands the key lives without an expiry: a process that
 * dies there, or a PEXPIRE that times out or is refused, leaves a key that never
 * expires, and under a volatile-* policy can never be evicted either. The server's log
 * shows the gap after every write. The TTL goes in the same command: SET key value PX ttl.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

const note = (key: string) => (error: unknown) => console.warn(`[cache] ${key}: ${String(error)}`);

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  const hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch((error: unknown) => (note(key)(error), null));
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null) {
    const write = async () => {
      await redis.set(key, JSON.stringify(row));
      await redis.pexpire(key, ttlMs);
    };
    await withTimeout(write(), timeoutMs, `SET ${key}`).catch(note(key));
  }
  return row;
}
