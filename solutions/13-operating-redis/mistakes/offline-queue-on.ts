/**
 * Mistake: the offline queue stays on (ioredis's default), with a command timeout
 * Replaces: redis-connection.ts
 * Caught by: 13.4
 *
 * The command timeout rejects a queued read after 200 ms, so the request is bounded and
 * it looks solved. But ioredis keeps the timed-out command in its offline queue, and
 * sends the whole backlog the moment Redis comes back: reads nobody is waiting for,
 * fired at a server that has just recovered, from every instance at once.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const redis = right(config, settings);
  redis.options.enableOfflineQueue = true;
  return redis;
}
