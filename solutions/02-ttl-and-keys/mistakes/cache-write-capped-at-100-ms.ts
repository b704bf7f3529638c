/**
 * Mistake: the cache write after a miss never waits more than 100 ms
 * Replaces: read-through.ts
 * Caught by: 02.14
 *
 * The reader already has its value, so the write looks like the one call not worth
 * waiting for, and a cap of a tenth of a second keeps a slow Redis from adding to the
 * response time. But the caller who allowed more (a Redis across a slow link, a server
 * busy with a large value) now gives up on every write Redis would have taken: each
 * miss is logged, nothing is ever cached, and every read goes to Postgres. The write is
 * bounded by redisTimeoutMs, like the GET.
 */
import type { Redis } from 'ioredis';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';
import { withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  const set = (...args: Parameters<Redis['set']>) => withTimeout(redis.set(...args), 100, `SET ${String(args[0])}`);
  const capped = new Proxy(redis, { get: (target, name) => (name === 'set' ? set : Reflect.get(target, name)) });
  return realReadThrough(capped, options);
}
