/**
 * Mistake: the GET is bounded by a timeout, the SET after the load is not
 * Replaces: read-through.ts
 * Caught by: 02.12
 *
 * The timeout went where the latency is felt, the read that every request makes, and
 * the write after a miss kept its catch. But a server can stall on writes alone (busy
 * evicting at maxmemory, a replica promoted mid-write): the GET answers "miss" at once,
 * Postgres answers, and the request then waits on a SET whose promise never settles,
 * with the value already in hand. Bound the write too, or do not wait for it.
 */
import type { Redis } from 'ioredis';
import type { ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

const note = (key: string) => (error: unknown) => console.warn(`[cache] ${key}: ${String(error)}`);

export async function readThrough<T>(redis: Redis, { key, ttlMs, timeoutMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  const hit = await withTimeout(redis.get(key), timeoutMs, `GET ${key}`).catch((error: unknown) => (note(key)(error), null));
  if (hit !== null) return JSON.parse(hit) as T;
  const row = await load();
  if (row !== null) await redis.set(key, JSON.stringify(row), 'PX', ttlMs).catch(note(key));
  return row;
}
