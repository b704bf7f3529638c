/**
 * Mistake: the client is given the first Sentinel only, and told not to look for others
 * Replaces: redis-connection.ts
 * Caught by: 13.17
 *
 * Sentinels announce the addresses they see each other on, which from an application
 * behind NAT or in another network are often unreachable, so discovery gets turned off
 * (updateSentinels: false) and one address "is enough, it knows the rest". It knows the
 * rest, but the client only knows it: when that Sentinel is down during a failover, nobody
 * tells the client where the new primary is. Keep the whole configured list.
 */
import type { Redis } from 'ioredis';
import type { RedisConfig } from '../../../labs/13-operating-redis/src/contract.js';
import { connectRedis as right, type ConnectionSettings } from '../src/redis-connection.js';

export type { ConnectionSettings };

export function connectRedis(config: RedisConfig, settings: ConnectionSettings): Redis {
  const client = right({ ...config, sentinels: config.sentinels?.slice(0, 1) }, settings);
  client.options.updateSentinels = false;
  return client;
}
