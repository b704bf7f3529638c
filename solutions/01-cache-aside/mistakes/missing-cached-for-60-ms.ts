/**
 * Mistake: "not found" is stored with PX, so it lives 60 milliseconds instead of 60 seconds
 * Replaces: get-or-fetch.ts
 * Caught by: 01.5
 *
 * The marker is written, it has a TTL, and a lookup right after the first one is still
 * served from Redis, so it looks like negative caching works. But PX counts milliseconds:
 * a crawler walking missing ids a few times a second hits Postgres on nearly every
 * request, which is what the marker was for. EX takes seconds.
 */
import type { Redis } from 'ioredis';
import { MISSING, type GetOrFetchOptions } from '../src/get-or-fetch.js';
import { withTimeout } from '../src/with-timeout.js';

export async function getOrFetch<T>(redis: Redis, options: GetOrFetchOptions<T>): Promise<T | null> {
  const { key, codec, redisTimeoutMs: ms } = options;
  let readFailed = false;
  const text = await withTimeout(redis.get(key), ms).catch(() => ((readFailed = true), null));
  if (text === MISSING) return null;
  if (text !== null) return codec.decode(text);

  const row = await options.load();
  if (readFailed) return row;
  const write =
    row === null
      ? redis.set(key, MISSING, 'PX', options.missingTtlSeconds)
      : redis.set(key, codec.encode(row), 'EX', options.ttlSeconds);
  await withTimeout(write, ms).catch(() => {});
  return row;
}
