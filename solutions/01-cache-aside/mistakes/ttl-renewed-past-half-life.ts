/**
 * Mistake: a hit renews its entry's TTL once less than half of it is left
 * Replaces: get-or-fetch.ts
 * Caught by: 01.12
 *
 * Unlike a sliding TTL on every hit, a fresh entry keeps its TTL, so a check a moment
 * after the write sees nothing renewed; and popular entries never expire in the middle
 * of traffic. But an entry read at least once per half-life is renewed for ever: the TTL
 * no longer bounds how old a cached price can be, and a missed invalidation stays.
 */
import type { Redis } from 'ioredis';
import { getOrFetch as readThrough, MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export { MISSING, type Codec, type GetOrFetchOptions } from '../src/get-or-fetch.js';

export function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const get = async (key: string) => {
    const value = await redis.get(key);
    if (value === null) return value;
    const lifeSeconds = value === MISSING ? options.missingTtlSeconds : options.ttlSeconds;
    if ((await redis.pttl(key)) < lifeSeconds * 500) await redis.expire(key, lifeSeconds);
    return value;
  };
  return readThrough(new Proxy(redis, { get: (target, name) => (name === 'get' ? get : Reflect.get(target, name, target)) }), options);
}
