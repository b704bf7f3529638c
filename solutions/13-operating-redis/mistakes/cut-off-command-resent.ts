/**
 * Mistake: a command cut off by a disconnect is tried once more after the reconnection
 * Replaces: redis-connection.ts
 * Caught by: 13.4
 *
 * maxRetriesPerRequest: 1 reads like "one retry, bounded". But the command timeout has
 * already answered the request from Postgres; the retry is the command itself, kept and
 * sent on the new connection when Redis returns, to a server nobody is waiting on. For a
 * write back, that is an old value landing after a failover, maybe on a new primary.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const redis = right(config, settings);
  redis.options.maxRetriesPerRequest = 1;
  return redis;
}
