/**
 * Mistake: the client is given the first Sentinel only: "it knows the others"
 * Replaces: redis-connection.ts
 * Caught by: 13.17
 *
 * A Sentinel does know the other Sentinels, and ioredis asks it for them once connected,
 * so one address looks like enough configuration. But the client has to reach that one
 * first: when it is down as the application starts (Sentinels are restarted and fail like
 * any server, which is why there are three), the client never finds a primary, and
 * every read and write stays on the fallback. Give the client the whole configured list.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  return right({ ...config, sentinels: config.sentinels?.slice(0, 1) }, settings);
}
