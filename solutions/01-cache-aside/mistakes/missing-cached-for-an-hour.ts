/**
 * Mistake: "not found" is cached with the same TTL as a real product
 * Replaces: get-or-fetch.ts
 * Caught by: 01.5
 *
 * One TTL for everything is simpler. But a product created a minute after someone
 * looked for it then stays "not found" for an hour. Negative entries get a short TTL.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const timeout = options.redisTimeoutMs;
  const raw = await withTimeout(redis.get(options.key), timeout).catch(() => null);
  if (raw === MISSING) return null;
  if (raw !== null) return options.codec.decode(raw);

  const row = await options.load();
  const text = row === null ? MISSING : options.codec.encode(row);
  await withTimeout(redis.set(options.key, text, 'EX', options.ttlSeconds), timeout).catch(() => {});
  return row;
}
