/**
 * Mistake: reconnection stops after 100 attempts
 * Replaces: redis-connection.ts
 * Caught by: 13.5
 *
 * A hundred attempts look like plenty: at the 2 000 ms cap they cover three minutes.
 * But an outage can last longer, a short delay gets there in seconds, and a client that
 * has stopped never comes back: the process answers from Postgres until someone restarts
 * it. A connection's retries have no count.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const redis = right(config, settings);
  const backoff = redis.options.retryStrategy!;
  redis.options.retryStrategy = (attempt) => (attempt > 100 ? null : backoff(attempt));
  return redis;
}
