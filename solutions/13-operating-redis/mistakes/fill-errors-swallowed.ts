/**
 * Mistake: the write after a miss swallows its errors
 * Replaces: redis-connection.ts
 * Caught by: 13.11
 *
 * The reader has its product already, so a failed write-back "does not matter" and is
 * caught and dropped. It matters to the dashboard: a Redis refusing every write (full
 * under noeviction, a read-only replica after a failover) shows no errors at all, only a
 * hit ratio that never rises.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const redis = right(config, settings);
  const set = redis.set.bind(redis) as (...args: unknown[]) => Promise<unknown>;
  (redis as unknown as { set: (...args: unknown[]) => Promise<unknown> }).set = (...args) => set(...args).catch(() => 'OK');
  return redis;
}
