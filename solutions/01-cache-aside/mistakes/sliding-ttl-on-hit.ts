/**
 * Mistake: every hit renews the product's hour (GETEX ... EX), a sliding expiry
 * Replaces: get-or-fetch.ts
 * Caught by: 01.12
 *
 * GETEX reads and sets the TTL in one command, so the key always has one, and popular
 * products stay cached: it sounds like a free hit-ratio win. But the TTL is the bound on
 * staleness: with a sliding expiry a product read more than once an hour never expires,
 * so a single missed invalidation (a failed DEL, a write from a script) is served for ever.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  let redisUp = true;
  const cached = await withTimeout(redis.getex(key, 'EX', options.ttlSeconds), redisTimeoutMs).catch(() => ((redisUp = false), null));
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);

  const fresh = await options.load();
  if (redisUp) {
    const [text, ttl] = fresh === null ? [MISSING, options.missingTtlSeconds] : [codec.encode(fresh), options.ttlSeconds];
    await withTimeout(redis.set(key, text, 'EX', ttl), redisTimeoutMs).catch(() => {});
  }
  return fresh;
}
