/**
 * Mistake: the TTL in seconds is passed to PX, which counts milliseconds
 * Replaces: get-or-fetch.ts
 * Caught by: 01.3
 *
 * `SET key value PX 3600` reads like "keep it an hour", but PX takes milliseconds: the
 * product expires after 3.6 s and nearly every read is a miss. EX takes seconds.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const hit = await withTimeout(redis.get(options.key), options.redisTimeoutMs).catch(() => null);
  if (hit !== null) return hit === MISSING ? null : options.codec.decode(hit);

  const value = await options.load();
  const stored = value === null ? MISSING : options.codec.encode(value);
  const ttl = value === null ? options.missingTtlSeconds : options.ttlSeconds;
  await withTimeout(redis.set(options.key, stored, 'PX', ttl), options.redisTimeoutMs).catch(() => {});
  return value;
}
