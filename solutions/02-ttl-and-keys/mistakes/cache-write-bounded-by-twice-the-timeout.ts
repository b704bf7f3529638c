/**
 * Mistake: the cache write after a miss is given twice redisTimeoutMs
 * Replaces: read-through.ts
 * Caught by: 02.14
 *
 * A write carries the whole value while a GET of a missing key carries nothing, so a
 * little more time for it looks fair, and it still gives up, so a stalled Redis cannot
 * hold the read for ever. But the caller's bound is what the caller can afford on one
 * Redis call: a read on a tight deadline that allowed 50 ms waits 100 ms on a write whose
 * result it does not need, on every miss while Redis is slow.
 */
import type { Redis } from 'ioredis';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  // The reference read bounded by twice the timeout, its GET by the timeout itself.
  const get = (key: string) => withTimeout(redis.get(key), options.timeoutMs, `GET ${key}`);
  const bounded = new Proxy(redis, { get: (target, name) => (name === 'get' ? get : Reflect.get(target, name)) });
  return realReadThrough(bounded, { ...options, timeoutMs: 2 * options.timeoutMs });
}
