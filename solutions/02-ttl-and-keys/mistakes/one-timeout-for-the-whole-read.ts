/**
 * Mistake: redisTimeoutMs is one budget for the whole read, GET, load and cache write together
 * Replaces: read-through.ts
 * Caught by: 02.14
 *
 * "The read may spend redisTimeoutMs on Redis" read as a deadline: the GET gets the whole
 * budget, the write what is left of it after Postgres, and none when the load took longer.
 * It bounds a stalled Redis as well as per-call bounds do. But the budget is for Redis,
 * and it is spent by the database: on a day Postgres is slow, exactly when caching
 * matters most, no miss is ever cached, and every read goes to the slow database again.
 */
import type { Redis } from 'ioredis';
import { readThrough as realReadThrough, type ReadThroughOptions } from '../src/read-through.js';
import { RedisTimeoutError, withTimeout } from '../../../labs/02-ttl-and-keys/src/with-timeout.js';

export async function readThrough<T>(redis: Redis, options: ReadThroughOptions<T>): Promise<T | null> {
  const deadline = performance.now() + options.timeoutMs;
  const set = (...args: Parameters<Redis['set']>) => {
    const left = deadline - performance.now();
    return left > 0 ? withTimeout(redis.set(...args), left, 'SET') : Promise.reject(new RedisTimeoutError(`SET ${String(args[0])}`, options.timeoutMs));
  };
  const budgeted = new Proxy(redis, { get: (target, name) => (name === 'set' ? set : Reflect.get(target, name)) });
  return realReadThrough(budgeted, options);
}
