/**
 * Mistake: every "not found" goes into one set, whose TTL is set once (EXPIRE ... NX)
 * Replaces: get-or-fetch.ts
 * Caught by: 01.5
 *
 * One set for the missing ids looks tidy (one key instead of thousands) and EXPIRE NX
 * even avoids the trap of renewing it on every miss. But the set has one TTL: an id that
 * misses 55 s after the first is forgotten 5 s later, and a burst of lookups for it
 * reaches Postgres again almost at once. Each id needs its own entry, with its own minute.
 */
import type { Redis } from 'ioredis';
import { withTimeout } from '../src/with-timeout.js';
import type { GetOrFetchOptions } from '../src/get-or-fetch.js';

export { MISSING, type Codec, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  const missing = `${key.slice(0, key.lastIndexOf(':'))}:missing`;
  const [cached, known] = await withTimeout(Promise.all([redis.get(key), redis.sismember(missing, key)]), redisTimeoutMs).catch(() => [null, 0] as const);
  if (known) return null;
  if (cached !== null) return codec.decode(cached);
  const fresh = await options.load();
  const write: Promise<unknown> = fresh === null
    ? redis.multi().sadd(missing, key).expire(missing, options.missingTtlSeconds, 'NX').exec()
    : redis.set(key, codec.encode(fresh), 'EX', options.ttlSeconds);
  await withTimeout(write, redisTimeoutMs).catch((error: unknown) => console.warn(`[cache] ${key}: ${String(error)}`));
  return fresh;
}
