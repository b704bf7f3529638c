/**
 * Mistake: reconnection stops after ten attempts
 * Replaces: redis-connection.ts
 * Caught by: 13.5
 *
 * "Don't retry for ever" is good advice for a request, and wrong for a connection: an
 * outage longer than the ten attempts leaves the process answering every read from
 * Postgres until someone restarts it, long after Redis is back.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const redis = right(config, settings);
  const backoff = redis.options.retryStrategy!;
  redis.options.retryStrategy = (attempt) => (attempt > 10 ? null : backoff(attempt));
  return redis;
}
