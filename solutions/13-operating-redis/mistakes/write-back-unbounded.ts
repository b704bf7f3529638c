/**
 * Mistake: the read is bounded, the write back of a miss is not
 * Replaces: redis-connection.ts
 * Caught by: 13.3
 *
 * The GET is where a stalled Redis is expected, so that is where the timer goes. But
 * Redis can stall between the GET and the SET (a fork for a snapshot, a slow command
 * from another client), and the request then waits for the write for as long as the
 * stall lasts, with the product already in hand.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const redis = right(config, settings);
  const set = redis.set.bind(redis) as (...args: unknown[]) => unknown;
  // ioredis reads commandTimeout as it sends each command: a SET sent without it waits for ever.
  redis.set = ((...args: unknown[]) => {
    const bound = redis.options.commandTimeout;
    delete redis.options.commandTimeout;
    try {
      return set(...args);
    } finally {
      redis.options.commandTimeout = bound;
    }
  }) as typeof redis.set;
  return redis;
}
