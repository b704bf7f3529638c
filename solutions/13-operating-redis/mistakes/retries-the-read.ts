/**
 * Mistake: a failed read is tried once more before falling back
 * Replaces: redis-connection.ts
 * Caught by: 13.6
 *
 * "Redis blips; one retry hides it." On a Redis that is failing, every instance now sends
 * twice the commands, and each request waits for two failures instead of one. A cache
 * miss was an acceptable answer the first time.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const redis = right(config, settings);
  const get = redis.get.bind(redis) as (key: string) => Promise<string | null>;
  (redis as unknown as { get: (key: string) => Promise<string | null> }).get = (key) => get(key).catch(() => get(key));
  return redis;
}
