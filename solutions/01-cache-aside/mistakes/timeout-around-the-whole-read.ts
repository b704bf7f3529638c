/**
 * Mistake: the timeout wraps the whole read, database included, and a timeout means "load it again"
 * Replaces: get-or-fetch.ts
 * Caught by: 01.17
 *
 * One timer around everything is less code than one per Redis call, and every "Redis down"
 * check passes: the read gives up and asks Postgres. But the timer also runs while Postgres
 * answers a miss. A query slower than redisTimeoutMs (a cold cache, a busy database) is
 * abandoned and started a second time, doubling the load exactly when the database is
 * struggling. The timeout belongs to each Redis call; the pool bounds the database.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { RedisTimeoutError, withTimeout } from '../src/with-timeout.js';

async function readThrough<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec } = options;
  let cached: string | null;
  try {
    cached = await redis.get(key);
  } catch {
    return options.load(); // Redis answered with an error: the database answers instead
  }
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);
  const fresh = await options.load();
  const [text, ttl] = fresh === null ? [MISSING, options.missingTtlSeconds] : [codec.encode(fresh), options.ttlSeconds];
  await redis.set(key, text, 'EX', ttl).catch(() => {});
  return fresh;
}

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  try {
    return await withTimeout(readThrough(redis, options), options.redisTimeoutMs);
  } catch (error) {
    if (error instanceof RedisTimeoutError) return options.load(); // too slow: go straight to the database
    throw error;
  }
}
