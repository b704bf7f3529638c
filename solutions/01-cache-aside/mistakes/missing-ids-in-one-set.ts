/**
 * Mistake: every missing id goes into one set, whose TTL each new miss renews
 * Replaces: get-or-fetch.ts
 * Caught by: 01.12
 *
 * One key instead of thousands of tiny markers looks tidier and cheaper, and the set gets
 * its 60 s TTL in the same MULTI as the SADD, so no key ever lives without one. But the
 * TTL belongs to the set, not to an id: each new miss pushes it back a minute. Under a
 * steady trickle of lookups for missing ids (bots, stale links) the set never expires, and
 * a product created after its first failed lookup stays "not found" indefinitely.
 */
import type { Redis } from 'ioredis';
import type { GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

/** `<prefix>product:42` is remembered as missing by member `42` of `<prefix>product:missing`. */
const missingSet = (key: string) => {
  const at = key.lastIndexOf(':') + 1;
  return { set: `${key.slice(0, at)}missing`, member: key.slice(at) };
};

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs } = options;
  const { set, member } = missingSet(key);
  let redisUp = true;
  const down = () => ((redisUp = false), null);
  const cached = await withTimeout(redis.get(key), redisTimeoutMs).catch(down);
  if (cached !== null) return codec.decode(cached);
  if (redisUp && (await withTimeout(redis.sismember(set, member), redisTimeoutMs).catch(down)) === 1) return null;

  const fresh = await options.load();
  if (redisUp) {
    const write: Promise<unknown> =
      fresh === null
        ? redis.multi().sadd(set, member).expire(set, options.missingTtlSeconds).exec()
        : redis.set(key, codec.encode(fresh), 'EX', options.ttlSeconds);
    await withTimeout(write, redisTimeoutMs).catch(() => {});
  }
  return fresh;
}
