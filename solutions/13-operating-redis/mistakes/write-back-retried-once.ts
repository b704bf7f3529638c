/**
 * Mistake: a write-back that fails is sent once more before giving up
 * Replaces: redis-connection.ts
 * Caught by: 13.6
 *
 * The reader already has its product, so a second try costs it nothing visible, and a
 * blip is the likeliest reason a SET fails. But a Redis refusing writes (out of memory, a
 * replica after a failover) refuses the second just the same: every miss sends it twice
 * its writes, from every instance, to a server that is already struggling.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const redis = right(config, settings);
  const set = redis.set.bind(redis) as (...args: unknown[]) => Promise<unknown>;
  redis.set = ((...args: unknown[]) => set(...args).catch(() => set(...args))) as Redis['set'];
  return redis;
}
