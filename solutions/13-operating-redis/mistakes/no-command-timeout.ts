/**
 * Mistake: no command timeout, because "the connection has a connect timeout"
 * Replaces: redis-connection.ts
 * Caught by: 13.2, 13.3
 *
 * connectTimeout bounds opening the connection; a Redis that accepted it and then stalls
 * (a long fork, a stuck script, a half-open network path) is never bounded, and every
 * request waits as long as the connection lives.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const redis = right(config, settings);
  delete redis.options.commandTimeout;
  return redis;
}
