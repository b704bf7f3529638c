/**
 * Mistake: Redis errors are caught, but a Redis that does not answer is waited for
 * Replaces: get-or-fetch.ts
 * Caught by: 01.6, 01.7
 *
 * try/catch looks like "Redis down falls back to the database". But ioredis queues
 * commands while it reconnects, and a stalled server never replies: no error is ever
 * thrown, so the request hangs instead of falling back. Only a timeout bounds the wait.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  let cached: string | null = null;
  try {
    cached = await redis.get(options.key);
  } catch (error) {
    console.warn('cache read failed', error);
  }
  if (cached === MISSING) return null;
  if (cached) return options.codec.decode(cached);

  const fresh = await options.load();
  try {
    if (fresh === null) await redis.set(options.key, MISSING, 'EX', options.missingTtlSeconds);
    else await redis.set(options.key, options.codec.encode(fresh), 'EX', options.ttlSeconds);
  } catch (error) {
    console.warn('cache write failed', error);
  }
  return fresh;
}
