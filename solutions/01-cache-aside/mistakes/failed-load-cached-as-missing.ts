/**
 * Mistake: a failed database query is treated as "not found", and cached as such
 * Replaces: get-or-fetch.ts
 * Caught by: 01.8
 *
 * Swallowing the loader's error keeps the endpoint up, which feels robust. But the
 * failure is then stored as "no such product": for the next 60 s every reader gets a
 * false 404, long after the database has recovered. Let loader errors propagate.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs: ms } = options;
  const cached = await withTimeout(redis.get(key), ms).catch(() => null);
  if (cached !== null) return cached === MISSING ? null : codec.decode(cached);

  const loaded = await options.load().catch(() => null);
  if (loaded === null) {
    await withTimeout(redis.set(key, MISSING, 'EX', options.missingTtlSeconds), ms).catch(() => {});
  } else {
    await withTimeout(redis.set(key, codec.encode(loaded), 'EX', options.ttlSeconds), ms).catch(() => {});
  }
  return loaded;
}
