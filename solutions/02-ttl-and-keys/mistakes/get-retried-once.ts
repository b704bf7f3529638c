/**
 * Mistake: a GET that failed or timed out is tried once more before the read goes to Postgres
 * Replaces: read-through.ts
 * Caught by: 02.16
 *
 * Most failures are blips (a dropped connection ioredis has already replaced), so one
 * more try looks like a cheap way to save a hit. But a Redis that failed or stalled a
 * moment ago is the one being asked again: every read doubles its load while it
 * struggles, and on a stall every read waits redisTimeoutMs twice before it even starts
 * the database query. A failed GET is a miss; the read asks Redis once.
 */
import type { Redis } from 'ioredis';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  const once = (key: string) => withTimeout(redis.get(key), options.timeoutMs, `GET ${key}`);
  const get = (key: string) => once(key).catch(() => once(key));
  const retrying = new Proxy(redis, { get: (target, name) => (name === 'get' ? get : Reflect.get(target, name)) });
  return realReadThrough(retrying, options);
}
