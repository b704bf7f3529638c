/**
 * Mistake: the value is written with SET and its TTL with a separate EXPIRE
 * Replaces: get-or-fetch.ts
 * Caught by: 01.3
 *
 * Both commands run, and a moment later PTTL shows the right hour, so a check that looks
 * at Redis afterwards sees nothing wrong. In between, the key has no expiry; if the
 * process dies, the connection drops or the EXPIRE times out there, the key lives for
 * ever. SET key value EX seconds does both in one command.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  let healthy = true;
  const cached = await withTimeout(redis.get(key), redisTimeoutMs).catch(() => ((healthy = false), null));
  if (cached === MISSING) return null;
  if (cached !== null) return codec.decode(cached);

  const fresh = await options.load();
  if (healthy) {
    const text = fresh === null ? MISSING : codec.encode(fresh);
    const ttl = fresh === null ? options.missingTtlSeconds : options.ttlSeconds;
    try {
      await withTimeout(redis.set(key, text), redisTimeoutMs);
      await withTimeout(redis.expire(key, ttl), redisTimeoutMs);
    } catch {
      // best effort
    }
  }
  return fresh;
}
