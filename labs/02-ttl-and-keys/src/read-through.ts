// Lab 02: the cache-aside read every cached class goes through (lab 01 built it with its guards; this copy has none).
import type { Redis } from 'ioredis';

export interface ReadThroughOptions<T> {
  key: string;
  ttlMs: number;
  /** How long one Redis call may take (the cache's redisTimeoutMs). */
  timeoutMs: number;
  load: () => Promise<T | null>;
}

export async function readThrough<T>(redis: Redis, { key, ttlMs, load }: ReadThroughOptions<T>): Promise<T | null> {
  // TODO(02): Redis is an optimisation here. What does this read do when Redis fails,
  // or stops answering altogether? (timeoutMs and with-timeout.ts, as in lab 01.)
  const cached = await redis.get(key);
  if (cached !== null) return JSON.parse(cached) as T;

  const fresh = await load();
  if (fresh !== null) {
    // TODO(02): Redis's default maxmemory-policy is noeviction. Once memory is full it
    // answers this SET with an OOM error. The reader already has its value: should it fail?
    await redis.set(key, JSON.stringify(fresh), 'PX', ttlMs);
  }
  return fresh;
}
