// Lab 01: the read-through helper every read in this lab goes through.
// Fix the TODOs; `npm test labs/01-cache-aside` tells you which checks still fail.
import type { Redis } from 'ioredis';

export async function getOrFetch<T>(
  redis: Redis,
  key: string,
  ttlSeconds: number,
  load: () => Promise<T | null>,
): Promise<T | null> {
  // TODO(01): if Redis is down or stalls, this await never settles and the request hangs.
  const cached = await redis.get(key);
  // TODO(01): a value of "not found" is never cached, so it is never found here either.
  if (cached !== null) return JSON.parse(cached) as T;

  const fresh = await load();
  if (fresh !== null) {
    // TODO(01): this key never expires; ttlSeconds is ignored.
    await redis.set(key, JSON.stringify(fresh));
  }
  return fresh;
}
